package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertOk;
import static dev.lakebase.examples.orders.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.examples.orders.data.TpchRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Creating orders, changing statuses and the audit trail, over real HTTP. */
class OrdersWriteApiTest extends OrdersAppTest {

  private static final Map<String, Object> ITEM_1 = Map.of("l_partkey", 155190, "l_suppkey", 7706,
      "l_quantity", 17, "l_discount", 0.04, "l_tax", 0.02);
  private static final Map<String, Object> ITEM_2 = Map.of("l_partkey", 67310, "l_suppkey", 7311,
      "l_quantity", 36, "l_discount", 0.09, "l_tax", 0.06, "l_shipmode", "TRUCK",
      "l_shipdate", "1995-01-10", "l_receiptdate", "1995-01-20");

  private static String newOrder(List<Map<String, Object>> items) {
    return Http.json(Map.of("o_custkey", 370, "o_orderpriority", "1-URGENT",
        "o_clerk", "Clerk#000000951", "o_orderdate", "1995-01-02", "o_comment", "from a test",
        "lineitems", items));
  }

  @Test
  void createsAnOrderWithItsLineItemsInOneTransaction() {
    long maxGeneratedKey = jdbc.queryForObject("SELECT max(o_orderkey) FROM orders", Long.class);
    long auditBefore = auditRows();

    Http.Response response = http.post("/orders", newOrder(List.of(ITEM_1, ITEM_2)));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode order = response.json();
    long key = order.get("o_orderkey").asLong();
    assertThat(key).isGreaterThan(maxGeneratedKey);
    assertThat(response.header("Location")).contains("/orders/" + key);
    // TPC-H rules: extended price = quantity × retail price; total = Σ ext × (1+tax) × (1−disc).
    BigDecimal ext1 = TpchRules.retailPrice(155190).multiply(BigDecimal.valueOf(17));
    BigDecimal ext2 = TpchRules.retailPrice(67310).multiply(BigDecimal.valueOf(36));
    BigDecimal total = ext1.multiply(new BigDecimal("1.02")).multiply(new BigDecimal("0.96"))
        .add(ext2.multiply(new BigDecimal("1.06")).multiply(new BigDecimal("0.91")))
        .setScale(2, RoundingMode.HALF_UP);
    assertThat(order.get("o_totalprice").decimalValue()).isEqualByComparingTo(total);
    // Item 1 ships 1995-01-03 (F, before 1995-06-17) and item 2 on 1995-01-10 (F): status F.
    assertThat(order.get("o_orderstatus").asString()).isEqualTo("F");
    assertThat(order.get("lineitems").size()).isEqualTo(2);
    assertThat(order.get("lineitems").get(1).get("l_shipmode").asString()).isEqualTo("TRUCK");
    assertThat(order.get("lineitems").get(1).get("l_linenumber").asInt()).isEqualTo(2);

    // Stored as answered, and audited: one orders INSERT and two lineitem INSERTs.
    assertThat(assertOk(http.get("/orders/" + key)).json()).isEqualTo(order);
    assertThat(auditRows()).isEqualTo(auditBefore + 3);
    JsonNode audit = assertOk(http.get("/audit?table=orders&operation=insert&limit=1")).json();
    assertThat(audit.get(0).get("new").get("o_orderkey").asLong()).isEqualTo(key);
    assertThat(audit.get(0).get("old").isNull()).isTrue();
    assertThat(audit.get(0).get("changed_by").asString()).isEqualTo(emulator.defaultUser());
    JsonNode lines = assertOk(http.get("/audit?table=lineitem&operation=INSERT&limit=2")).json();
    assertThat(lines.size()).isEqualTo(2);
    for (JsonNode line : lines) {
      assertThat(line.get("new").get("l_orderkey").asLong()).isEqualTo(key);
    }
  }

  @Test
  void aLineItemViolatingAConstraintRollsBackTheWholeOrder() {
    long orders = count("orders");
    long lineItems = count("lineitem");
    long audit = auditRows();
    long sequence = jdbc.queryForObject("SELECT last_value FROM orders_o_orderkey_seq", Long.class);
    Map<String, Object> badDiscount = Map.of("l_partkey", 1, "l_suppkey", 2,
        "l_quantity", 1, "l_discount", 0.5, "l_tax", 0.01);

    Http.Response response = http.post("/orders", newOrder(List.of(ITEM_1, ITEM_2, badDiscount)));

    JsonNode problem = assertProblem(response, 400, "l_discount");
    assertThat(problem.get("detail").asString()).contains("lineitem_l_discount_check");
    // The order row was inserted (its key was drawn) and two line items before the bad one ...
    assertThat(jdbc.queryForObject("SELECT last_value FROM orders_o_orderkey_seq", Long.class))
        .isGreaterThan(sequence);
    // ... and all of it, with its audit rows, was rolled back.
    assertThat(count("orders")).isEqualTo(orders);
    assertThat(count("lineitem")).isEqualTo(lineItems);
    assertThat(auditRows()).isEqualTo(audit);
  }

  @Test
  void badOrdersAre400NamingTheField() {
    long orders = count("orders");
    assertProblem(http.post("/orders", "{\"o_custkey\": 1"), 400, null);
    assertProblem(http.post("/orders", ""), 400, null);
    assertProblem(http.post("/orders", Http.json(Map.of("o_orderpriority", "1-URGENT",
        "o_clerk", "Clerk#000000001", "lineitems", List.of(ITEM_1)))), 400, "o_custkey");
    assertProblem(http.post("/orders", newOrder(List.of())), 400, "lineitems");
    assertProblem(http.post("/orders", newOrder(Collections.nCopies(8, ITEM_1))), 400,
        "lineitems");
    assertProblem(http.post("/orders", newOrder(List.of(ITEM_1, Map.of("l_partkey", 1,
        "l_suppkey", 1, "l_quantity", 1, "l_discount", 0)))), 400, "lineitems[1].l_tax");
    assertProblem(http.post("/orders", newOrder(List.of(Map.of("l_partkey", 1, "l_suppkey", 1,
        "l_quantity", "many", "l_discount", 0, "l_tax", 0)))), 400, "lineitems[0].l_quantity");
    assertProblem(http.post("/orders", newOrder(List.of(Map.of("l_partkey", 1, "l_suppkey", 1,
        "l_quantity", 51, "l_discount", 0, "l_tax", 0)))), 400, "l_quantity");
    assertProblem(http.post("/orders", Http.json(Map.of("o_custkey", 1, "o_orderpriority",
        "9-WHENEVER", "o_clerk", "Clerk#000000001", "lineitems", List.of(ITEM_1)))), 400,
        "o_orderpriority");
    assertThat(count("orders")).isEqualTo(orders);
  }

  @Test
  void statusUpdateIsValidatedStoredAndAudited() {
    long key = 33;
    String before = jdbc.queryForObject("SELECT o_orderstatus FROM orders WHERE o_orderkey = ?",
        String.class, key);
    String after = before.equals("P") ? "F" : "P";

    JsonNode order = assertOk(http.post("/orders/" + key + "/status",
        "{\"o_orderstatus\": \"" + after + "\"}")).json();

    assertThat(order.get("o_orderstatus").asString()).isEqualTo(after);
    assertThat(jdbc.queryForObject("SELECT o_orderstatus FROM orders WHERE o_orderkey = ?",
        String.class, key)).isEqualTo(after);
    JsonNode audit = assertOk(http.get("/audit?table=orders&operation=UPDATE&limit=1")).json();
    assertThat(audit.get(0).get("old").get("o_orderstatus").asString()).isEqualTo(before);
    assertThat(audit.get(0).get("new").get("o_orderstatus").asString()).isEqualTo(after);
    assertThat(audit.get(0).get("new").get("o_orderkey").asLong()).isEqualTo(key);

    assertProblem(http.post("/orders/" + key + "/status", "{\"o_orderstatus\": \"X\"}"), 400,
        "o_orderstatus");
    assertProblem(http.post("/orders/" + key + "/status", "{\"o_orderstatus\": \"f\"}"), 400,
        "o_orderstatus");
    assertProblem(http.post("/orders/" + key + "/status", "{}"), 400, "o_orderstatus");
    assertProblem(http.post("/orders/" + key + "/status", "{\"o_orderstatus\": "), 400, null);
    assertProblem(http.post("/orders/9/status", "{\"o_orderstatus\": \"F\"}"), 404, null);
    assertThat(jdbc.queryForObject("SELECT o_orderstatus FROM orders WHERE o_orderkey = ?",
        String.class, key)).isEqualTo(after);
  }

  @Test
  void deletesAreAuditedToo() {
    Http.Response created = http.post("/orders", newOrder(List.of(ITEM_1)));
    long key = created.json().get("o_orderkey").asLong();

    jdbc.update("DELETE FROM orders WHERE o_orderkey = ?", key);

    JsonNode deletes = assertOk(http.get("/audit?operation=DELETE&limit=2")).json();
    assertThat(deletes.size()).isEqualTo(2);
    // The cascade deleted the line item: both rows are recorded with their old values.
    assertThat(List.of(deletes.get(0).get("table").asString(), deletes.get(1).get("table")
        .asString())).containsExactlyInAnyOrder("orders", "lineitem");
    for (JsonNode delete : deletes) {
      assertThat(delete.get("new").isNull()).isTrue();
      assertThat(delete.get("old").toString()).contains(Long.toString(key));
    }
    assertProblem(http.get("/orders/" + key), 404, null);
  }

  @Test
  void auditParametersAreValidated() {
    assertThat(assertOk(http.get("/audit?limit=1")).json().size()).isLessThanOrEqualTo(1);
    assertProblem(http.get("/audit?table=customers"), 400, "table");
    assertProblem(http.get("/audit?operation=TRUNCATE"), 400, "operation");
    assertProblem(http.get("/audit?limit=0"), 400, "limit");
    assertProblem(http.get("/audit?limit=1001"), 400, "limit");
    assertProblem(http.get("/audit?limit=x"), 400, "limit");
  }

  private long auditRows() {
    return count("audit_log");
  }
}
