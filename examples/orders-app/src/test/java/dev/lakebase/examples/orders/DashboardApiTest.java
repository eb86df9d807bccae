package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON behind the live page (what the browser test sees, without a browser): credential,
 * pool, requests, audit rows, the operator panel's suspend and token rotation.
 */
class DashboardApiTest extends OrdersAppTest {

  static final String NEW_ORDER = Http.json(Map.of("o_custkey", 370,
      "o_orderpriority", "3-MEDIUM", "o_clerk", "Clerk#000000951", "o_comment", "dashboard test",
      "lineitems", List.of(Map.of("l_partkey", 155190, "l_suppkey", 7706, "l_quantity", 3,
          "l_discount", 0.04, "l_tax", 0.02))));

  @AfterEach
  void restoreTokenLifetime() {
    emulator.tokenLifetime(Duration.ofHours(1));
  }

  @Test
  void thePageAndItsScriptAreServed() {
    Http.Response root = http.get("/");
    assertThat(root.status()).isEqualTo(200);
    assertThat(root.body()).contains("<title>Orders on Lakebase: live</title>")
        .contains("dashboard.js").doesNotContain("http://").doesNotContain("https://");
    assertThat(root.raw().uri().getPath()).isEqualTo("/dashboard/index.html");
    assertThat(http.get("/dashboard").body()).isEqualTo(root.body());
    assertThat(http.get("/dashboard/dashboard.js").status()).isEqualTo(200);
    assertThat(http.get("/dashboard/dashboard.css").status()).isEqualTo(200);
  }

  @Test
  void stateShowsCredentialPoolRequestsAndAudit() {
    assertOk(http.get("/orders/count"));
    JsonNode state = state();
    JsonNode credential = state.get("credential");
    assertThat(credential.get("identity").asString()).isEqualTo(emulator.defaultUser());
    assertThat(credential.get("valid").asBoolean()).isTrue();
    assertThat(credential.get("secondsToExpiry").asLong()).isPositive();
    assertThat(credential.get("mints").asLong()).isPositive();
    JsonNode pool = state.get("pool");
    assertThat(pool.get("max").asInt()).isPositive();
    assertThat(pool.get("opened").asLong()).as("counted from the first connect (Flyway)")
        .isPositive()
        .as("each connect counted once").isLessThanOrEqualTo(emulator.counters().loginsAccepted());
    assertThat(state.get("requests").findValuesAsString("endpoint"))
        .contains("GET /orders/count");
    assertThat(state.get("audit").isArray()).isTrue();
    assertThat(state.get("operator").get("endpoint state").asString()).isNotBlank();
    await().atMost(Http.TIMEOUT).until(() -> state().get("openTelemetry")
        .findValuesAsString("name").contains("db.client.connection.count"));
    assertThat(state().get("openTelemetry").findValuesAsString("name"))
        .as("the starter bound the pool to the application's OpenTelemetry bean")
        .contains("db.client.connection.max", "lakebase.credential.mints",
            "lakebase.connect.attempts", "lakebase.credential.time_to_expiry");
    emulator.counters().mintedTokens()
        .forEach(token -> assertThat(state.toString()).doesNotContain(token));
  }

  @Test
  void aNewOrderIsTheNewestAuditRow() {
    Http.Response created = http.post("/orders", NEW_ORDER);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long key = created.json().get("o_orderkey").asLong();
    JsonNode newest = state().get("audit");
    assertThat(newest.findValues("new").stream()
        .anyMatch(row -> row.has("o_orderkey") && row.get("o_orderkey").asLong() == key))
        .as("the order's INSERT is among the newest audit rows").isTrue();
  }

  @Test
  void suspendShowsAColdStartWaitAndRequestsStillSucceed() {
    long coldStarts = state().get("pool").get("coldStarts").asLong();
    assertOk(http.post("/dashboard/api/operator/suspend", ""));
    assertOk(http.get("/orders/count"));
    await().atMost(Http.TIMEOUT).until(
        () -> state().get("pool").get("coldStarts").asLong() > coldStarts);
    assertThat(state().get("pool").get("lastColdStartMs").asLong()).isPositive();
  }

  @Test
  void shorterTokensRotateAndTheMintCounterMoves() {
    long mints = state().get("credential").get("mints").asLong();
    Http.Response shortened = http.post("/dashboard/api/operator/token-lifetime?seconds=10", "");
    assertOk(shortened);
    assertThat(shortened.json().get("token lifetime").asString()).isEqualTo("10 s");
    JsonNode after = state().get("credential");
    assertThat(after.get("mints").asLong()).isGreaterThan(mints);
    assertThat(after.get("secondsToExpiry").asLong()).isLessThanOrEqualTo(10);
    assertOk(http.get("/orders/count"));
    assertThat(http.post("/dashboard/api/operator/token-lifetime?seconds=1", "").status())
        .isEqualTo(400);
  }

  private JsonNode state() {
    return assertOk(http.get("/dashboard/api/state")).json();
  }
}
