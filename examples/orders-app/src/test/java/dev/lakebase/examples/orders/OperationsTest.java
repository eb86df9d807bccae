package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertOk;
import static dev.lakebase.examples.orders.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** OpenAPI docs, Actuator health and metrics, framework errors. */
class OperationsTest extends OrdersAppTest {

  @Test
  void interactiveDocsAtSlashDocs() {
    Http.Response docs = http.get("/docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.raw().uri().getPath()).endsWith("/swagger-ui/index.html");
    assertThat(docs.body()).contains("swagger-ui");

    JsonNode api = assertOk(http.get("/v3/api-docs")).json();
    assertThat(api.get("info").get("title").asString()).isEqualTo("Lakebase orders API");
    JsonNode paths = api.get("paths");
    for (String path : new String[] {"/orders", "/orders/count", "/orders/sample",
        "/orders/{order_key}", "/orders/pages", "/orders/stream", "/orders/{order_key}/status",
        "/audit"}) {
      assertThat(paths.has(path)).as(path).isTrue();
    }
    // The schemas use the TPC-H field names.
    assertThat(api.get("components").get("schemas").get("Order").get("properties")
        .has("o_orderkey")).isTrue();
  }

  @Test
  void healthShowsTheLakebaseCredentialButNeverTheToken() {
    assertOk(http.get("/orders/count"));
    Http.Response response = http.get("/actuator/health");
    assertThat(response.status()).isEqualTo(200);
    JsonNode health = response.json();
    assertThat(health.get("status").asString()).isEqualTo("UP");
    JsonNode lakebase = health.get("components").get("lakebase");
    assertThat(lakebase.get("status").asString()).isEqualTo("UP");
    assertThat(lakebase.get("details").get("identity").asString())
        .isEqualTo(emulator.defaultUser());
    assertThat(lakebase.get("details").get("credential").get("valid").asBoolean()).isTrue();
    emulator.counters().mintedTokens()
        .forEach(token -> assertThat(response.body()).doesNotContain(token));
  }

  @Test
  void metricsFromTheStarterAndThePool() {
    assertOk(http.get("/orders/count"));
    JsonNode attempts = http.get("/actuator/metrics/lakebase.connect.attempts").json();
    assertThat(attempts.get("measurements").get(0).get("value").asDouble()).isPositive();
    assertThat(http.get("/actuator/metrics/lakebase.credential.expiry").status()).isEqualTo(200);
    assertThat(http.get("/actuator/metrics/hikaricp.connections").status()).isEqualTo(200);
  }

  @Test
  void frameworkErrorsAreProblemJsonToo() {
    assertProblem(http.get("/no/such/path"), 404, null);
    Http.Response wrongMethod = http.post("/orders/count", "{}");
    assertProblem(wrongMethod, 405, null);
    assertThat(wrongMethod.header("X-Process-Time")).isPresent();
  }
}
