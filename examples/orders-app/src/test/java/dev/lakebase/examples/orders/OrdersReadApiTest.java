package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertOk;
import static dev.lakebase.examples.orders.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.examples.orders.generator.TpchGenerator;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The read endpoints, over real HTTP, against the emulator. */
class OrdersReadApiTest extends OrdersAppTest {

  @Test
  void count() {
    assertThat(assertOk(http.get("/orders/count")).json().get("count").asLong())
        .isEqualTo(count("orders")).isGreaterThanOrEqualTo(SCALE);
  }

  @Test
  void sampleGivesFiveExistingKeys() {
    JsonNode keys = assertOk(http.get("/orders/sample")).json().get("order_keys");
    assertThat(keys.size()).isEqualTo(5);
    var distinct = new HashSet<Long>();
    for (JsonNode key : keys) {
      distinct.add(key.asLong());
      assertOk(http.get("/orders/" + key.asLong()));
    }
    assertThat(distinct).hasSize(5);
  }

  @Test
  void orderWithItsLineItems() {
    JsonNode order = assertOk(http.get("/orders/" + TpchGenerator.orderKey(7))).json();
    assertThat(order.get("o_orderkey").asLong()).isEqualTo(32);
    JsonNode items = order.get("lineitems");
    assertThat(items.size()).isBetween(1, 7);
    BigDecimal total = BigDecimal.ZERO;
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      assertThat(item.get("l_orderkey").asLong()).isEqualTo(32);
      assertThat(item.get("l_linenumber").asInt()).isEqualTo(i + 1);
      total = total.add(item.get("l_extendedprice").decimalValue()
          .multiply(BigDecimal.ONE.add(item.get("l_tax").decimalValue()))
          .multiply(BigDecimal.ONE.subtract(item.get("l_discount").decimalValue())));
    }
    assertThat(order.get("o_totalprice").decimalValue())
        .isEqualByComparingTo(total.setScale(2, RoundingMode.HALF_UP));
    for (String field : List.of("o_custkey", "o_orderstatus", "o_orderdate", "o_orderpriority",
        "o_clerk", "o_shippriority", "o_comment")) {
      assertThat(order.has(field)).as(field).isTrue();
    }
  }

  @Test
  void missingOrderIs404() {
    // Keys 8 to 31 are never used by TPC-H's sparse keys.
    assertProblem(http.get("/orders/9"), 404, null);
    assertProblem(http.get("/orders/not-a-number"), 400, "order_key");
  }

  @Test
  void offsetPagination() {
    long total = count("orders");
    JsonNode first = assertOk(http.get("/orders/pages?page=1&page_size=10")).json();
    assertThat(first.get("page").asLong()).isEqualTo(1);
    assertThat(first.get("page_size").asInt()).isEqualTo(10);
    assertThat(first.get("total_count").asLong()).isEqualTo(total);
    assertThat(first.get("total_pages").asLong()).isEqualTo((total + 9) / 10);
    assertThat(keys(first.get("orders"))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 32L, 33L, 34L);
    assertThat(first.get("orders").get(0).has("lineitems")).as("listings omit line items").isFalse();

    JsonNode second = assertOk(http.get("/orders/pages?page=2&page_size=10")).json();
    assertThat(keys(second.get("orders")).get(0)).isEqualTo(35L);

    JsonNode last = assertOk(http.get("/orders/pages?page=" + first.get("total_pages").asLong()
        + "&page_size=10")).json();
    assertThat(last.get("orders").size()).isBetween(1, 10);
    JsonNode beyond = assertOk(http.get("/orders/pages?page=100000&page_size=10")).json();
    assertThat(beyond.get("orders").size()).isZero();
    assertThat(assertOk(http.get("/orders/pages")).json().get("page_size").asInt()).isEqualTo(20);
  }

  @Test
  void keysetPaginationWalksEveryOrderOnce() {
    List<Long> walked = new ArrayList<>();
    String cursor = "";
    int pages = 0;
    while (true) {
      JsonNode page = assertOk(http.get("/orders/stream?page_size=300" + cursor)).json();
      walked.addAll(keys(page.get("orders")));
      pages++;
      JsonNode next = page.get("next_cursor");
      if (next.isNull()) {
        break;
      }
      assertThat(next.asLong()).isEqualTo(walked.get(walked.size() - 1));
      cursor = "&cursor=" + next.asLong();
    }
    List<Long> all = jdbc.queryForList("SELECT o_orderkey FROM orders ORDER BY o_orderkey",
        Long.class);
    assertThat(walked).isEqualTo(all);
    assertThat(pages).isEqualTo((all.size() + 299) / 300);
  }

  @Test
  void badPaginationParametersAre400NamingTheParameter() {
    assertProblem(http.get("/orders/pages?page_size=0"), 400, "page_size");
    assertProblem(http.get("/orders/pages?page_size=1001"), 400, "page_size");
    assertProblem(http.get("/orders/pages?page_size=ten"), 400, "page_size");
    assertProblem(http.get("/orders/pages?page=0"), 400, "page");
    assertProblem(http.get("/orders/stream?page_size=0"), 400, "page_size");
    assertProblem(http.get("/orders/stream?page_size=1001"), 400, "page_size");
    assertProblem(http.get("/orders/stream?cursor=abc"), 400, "cursor");
    assertProblem(http.get("/orders/stream?cursor=-1"), 400, "cursor");
    // The maximum itself is fine.
    assertOk(http.get("/orders/pages?page_size=1000"));
  }

  private static List<Long> keys(JsonNode orders) {
    List<Long> keys = new ArrayList<>();
    for (JsonNode order : orders) {
      keys.add(order.get("o_orderkey").asLong());
    }
    return keys;
  }
}
