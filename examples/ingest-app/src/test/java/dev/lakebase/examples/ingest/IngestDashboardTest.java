package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The JSON behind the ingest app's live page, and the page's files. */
class IngestDashboardTest extends IngestAppTestSupport {

  @Test
  void thePageIsServedWithoutExternalResources() {
    Api.Answer root = api.get("/");
    assertThat(root.status()).isEqualTo(302);
    assertThat(root.header("Location")).endsWith("/dashboard/index.html");
    Api.Answer page = api.get("/dashboard/index.html");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("<title>Ingest into Lakebase: live</title>")
        .doesNotContain("http://").doesNotContain("https://");
    assertThat(api.get("/dashboard/dashboard.js").status()).isEqualTo(200);
  }

  @Test
  void stateShowsRowsFlushesAcksAndImports() {
    JsonNode before = table(state(), "sensor_readings");
    Api.Answer acked = api.post("/ingest/sensor_readings?wait_for_ack=true",
        Records.readings(device(), 50));
    assertThat(acked.status()).as(acked.toString()).isEqualTo(200);
    assertThat(api.post("/ingest/sensor_readings", Records.readings(device(), 5)).status())
        .isEqualTo(202);

    JsonNode after = table(state(), "sensor_readings");
    assertThat(after.get("rowsCommitted").asLong())
        .isGreaterThanOrEqualTo(before.get("rowsCommitted").asLong() + 50);
    assertThat(after.get("flushes").asLong()).isGreaterThan(before.get("flushes").asLong());
    assertThat(after.get("acks").asLong()).isEqualTo(before.get("acks").asLong() + 1);
    assertThat(after.get("buffered").asLong()).isEqualTo(before.get("buffered").asLong() + 1);
    assertThat(after.get("bufferCapacity").asInt()).isPositive();
    assertThat(after.get("rowsPerSecond").asDouble()).isNotNegative();

    String csv = "device,temperature,humidity,description,recorded_at\n"
        + device() + ",21.5,40,from the dashboard test,2026-12-01T10:00:00Z\n";
    Api.Answer accepted = api.post("/import/sensor_readings", "text/csv",
        BodyPublishers.ofString(csv));
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    String id = accepted.json().get("id").asString();
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      for (JsonNode task : state().get("imports")) {
        if (task.get("id").asString().equals(id)) {
          return task.get("state").asString().equals("SUCCEEDED");
        }
      }
      return false;
    });
    JsonNode state = state();
    assertThat(state.get("credential").get("identity").asString())
        .isEqualTo(emulator.defaultUser());
    emulator.counters().mintedTokens()
        .forEach(token -> assertThat(state.toString()).doesNotContain(token));
  }

  private JsonNode state() {
    Api.Answer answer = api.get("/dashboard/api/state");
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  private static JsonNode table(JsonNode state, String key) {
    for (JsonNode t : state.get("tables")) {
      if (t.get("table").asString().equals(key)) {
        return t;
      }
    }
    throw new AssertionError("no table " + key + " in " + state);
  }
}
