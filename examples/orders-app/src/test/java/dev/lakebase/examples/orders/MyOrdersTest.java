package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertOk;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * /me/*: the demo users of the embedded default, each through their own database role, with
 * row-level security deciding the rows; no header is a 401.
 */
class MyOrdersTest extends OrdersAppTest {

  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";

  private List<Long> keys(JsonNode orders) {
    List<Long> keys = new ArrayList<>();
    orders.forEach(o -> keys.add(o.get("o_orderkey").asLong()));
    return keys;
  }

  @Test
  void withoutTheHeaderTheAnswerIs401NeverTheServicePrincipalsData() {
    Http.Response response = http.get("/me/orders");
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    assertThat(response.header("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.json().get("detail").asString()).contains("X-Forwarded-Access-Token");
    assertThat(response.body()).doesNotContain("o_orderkey");
  }

  @Test
  void eachUserSeesOnlyTheirOwnOrders() {
    Http alice = http.asUser(emulator.patFor(ALICE));
    Http bob = http.asUser(emulator.patFor(BOB));
    assertThat(assertOk(alice.get("/me")).json().get("user").asString()).isEqualTo(ALICE);
    List<Long> aliceKeys = keys(assertOk(alice.get("/me/orders?limit=1000")).json());
    List<Long> bobKeys = keys(assertOk(bob.get("/me/orders?limit=1000")).json());
    assertThat(aliceKeys).isNotEmpty().doesNotContainAnyElementsOf(bobKeys);
    assertThat(bobKeys).isNotEmpty();
    assertThat(aliceKeys).hasSize(jdbc.queryForObject(
        "SELECT count(*) FROM orders WHERE o_owner = ?", Integer.class, ALICE));
    // The service principal's API still sees every order.
    assertThat(assertOk(http.get("/orders/count")).json().get("count").asLong())
        .isEqualTo(count("orders"));
  }

  @Test
  void aUsersChangeIsAuditedAsTheUserAndAnotherUsersOrderIsNotFound() {
    Http alice = http.asUser(emulator.patFor(ALICE));
    Http bob = http.asUser(emulator.patFor(BOB));
    long key = keys(assertOk(alice.get("/me/orders?limit=1")).json()).get(0);

    JsonNode changed = assertOk(alice.post("/me/orders/" + key + "/status",
        Http.json(java.util.Map.of("o_orderstatus", "P")))).json();
    assertThat(changed.get("o_orderstatus").asString()).isEqualTo("P");
    JsonNode audit = assertOk(http.get("/audit?table=orders&operation=update&limit=1")).json();
    assertThat(audit.get(0).get("changed_by").asString()).isEqualTo(ALICE);
    assertThat(audit.get(0).get("new").get("o_orderkey").asLong()).isEqualTo(key);

    Http.Response other = bob.post("/me/orders/" + key + "/status",
        Http.json(java.util.Map.of("o_orderstatus", "F")));
    assertThat(other.status()).as(other.body()).isEqualTo(404);
    assertThat(jdbc.queryForObject("SELECT o_orderstatus FROM orders WHERE o_orderkey = ?",
        String.class, key)).isEqualTo("P");
  }
}
