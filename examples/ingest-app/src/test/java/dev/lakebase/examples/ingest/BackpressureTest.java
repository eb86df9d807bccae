package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.WakeBehaviour;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A writer that cannot commit (the endpoint suspended and never waking) fills its bounded
 * buffer; requests are then refused with 429/503 and Retry-After, never dropped or blocked, and
 * everything accepted lands once the endpoint wakes.
 */
class BackpressureTest extends IngestAppTestSupport {

  @Test
  void aFullBufferIsRefusedWithRetryAfterAndEverythingAcceptedLandsAfterTheWake()
      throws Exception {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    String device = device();
    List<UUID> accepted = new ArrayList<>();
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    try {
      // A committed-only answer cannot come while the database is away: 504 after ack-timeout
      // (10 s in the test profile), its rows still buffered. Runs while the buffer fills.
      List<UUID> ackedLater = new ArrayList<>();
      CompletableFuture<Api.Answer> waitingForAck = api.postAsync(
          "/ingest/sensor_readings?wait_for_ack=true", Records.readings(device, 2, ackedLater));

      // sensor_small holds 20 rows: its writer takes up to 10 and cannot commit them.
      Api.Answer refused = null;
      for (int request = 0; request < 10 && refused == null; request++) {
        List<UUID> ids = new ArrayList<>();
        Api.Answer answer = api.post("/ingest/sensor_small", Records.readings(device, 5, ids));
        if (answer.status() == 202) {
          accepted.addAll(ids);
        } else {
          refused = answer;
        }
      }

      assertThat(accepted).as("exactly the capacity, whole requests only").hasSize(20);
      assertThat(refused).isNotNull();
      assertThat(refused.status()).as(refused.toString()).isIn(429, 503);
      assertThat(refused.header("Retry-After")).isEqualTo("1");
      assertThat(refused.json().get("detail").asString())
          .contains("buffer of table sensor_small is full (20 of 20 rows")
          .contains("nothing of this request was accepted");
      assertThat(api.get("/health/sensor_small").json().get("bufferDepth").asInt())
          .isEqualTo(20);

      Api.Answer timedOut = waitingForAck.get(60, TimeUnit.SECONDS);
      assertThat(timedOut.status()).as(timedOut.toString()).isEqualTo(504);
      assertThat(timedOut.header("Retry-After")).isEqualTo("1");
      assertThat(timedOut.json().get("ingestIds").get(0).asString())
          .isEqualTo(ackedLater.get(0).toString());
      assertThat(db.readings(device)).isZero();
      accepted.addAll(ackedLater);
    } finally {
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
      endpoint.wake();
    }

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(db.rowsPerIngestId("ingest.sensor_readings", accepted))
            .containsOnlyKeys(accepted)
            .allSatisfy((id, rows) -> assertThat(rows).isOne()));
    assertThat(api.post("/ingest/sensor_small", Records.readings(device, 5)).status())
        .as("room again").isEqualTo(202);
  }
}
