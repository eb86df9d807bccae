package dev.lakebase.examples.orders;

import static dev.lakebase.examples.orders.ApiAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Strict and bounded request handling: unknown and read-only fields, too-long values, the body
 * limit, and problem JSON for every error, including those the servlet container answers.
 */
class StrictRequestsTest extends OrdersAppTest {

  private static Map<String, Object> item() {
    return new HashMap<>(Map.of("l_partkey", 155190, "l_suppkey", 7706, "l_quantity", 17,
        "l_discount", 0.04, "l_tax", 0.02));
  }

  private static Map<String, Object> order(Map<String, Object> item) {
    return new HashMap<>(Map.of("o_custkey", 370, "o_orderpriority", "1-URGENT",
        "o_clerk", "Clerk#000000951", "lineitems", List.of(item)));
  }

  private JsonNode rejected(Map<String, Object> body, String field) {
    long before = count("orders");
    JsonNode problem = assertProblem(http.post("/orders", Http.json(body)), 400, field);
    assertThat(count("orders")).isEqualTo(before);
    return problem;
  }

  @Test
  void aMisspelledFieldIsRejectedNamingIt() {
    Map<String, Object> body = order(item());
    body.remove("o_orderpriority");
    body.put("o_orderpriorty", "1-URGENT");
    JsonNode problem = rejected(body, "o_orderpriorty");
    assertThat(problem.get("detail").asString()).contains("not a field").contains("o_orderpriority");
  }

  @Test
  void anUnknownLineItemFieldIsRejectedWithItsPath() {
    Map<String, Object> item = item();
    item.put("l_colour", "red");
    rejected(order(item), "lineitems[0].l_colour");
  }

  @Test
  void readOnlyFieldsAreRejectedNamingThem() {
    Map<String, Object> body = order(item());
    body.put("o_totalprice", 1.00);
    assertThat(rejected(body, "o_totalprice").get("detail").asString()).contains("read-only");

    Map<String, Object> withKey = order(item());
    withKey.put("o_orderkey", 1);
    rejected(withKey, "o_orderkey");

    Map<String, Object> item = item();
    item.put("l_extendedprice", 5);
    rejected(order(item), "lineitems[0].l_extendedprice");
  }

  @Test
  void tooLongValuesNameTheField() {
    Map<String, Object> clerk = order(item());
    clerk.put("o_clerk", "Clerk#0000000009999");
    assertThat(rejected(clerk, "o_clerk").get("detail").asString()).contains("at most 15");

    Map<String, Object> comment = order(item());
    comment.put("o_comment", "x".repeat(100));
    rejected(comment, "o_comment");

    Map<String, Object> item = item();
    item.put("l_comment", "y".repeat(45));
    rejected(order(item), "lineitems[0].l_comment");
  }

  @Test
  void aBodyOverTheLimitIs413WithADeclaredLength() {
    long before = count("orders");
    byte[] big = bigOrder();
    Http.Response response = http.send("POST", "/orders", BodyPublishers.ofByteArray(big),
        "Content-Type", "application/json");
    assertProblem(response, 413, null);
    assertThat(response.json().get("detail").asString()).contains("orders.max-request-body");
    assertThat(count("orders")).isEqualTo(before);
  }

  @Test
  void aChunkedBodyOverTheLimitIs413() {
    long before = count("orders");
    byte[] big = bigOrder();
    Http.Response response = http.send("POST", "/orders",
        BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
        "Content-Type", "application/json");
    assertProblem(response, 413, null);
    assertThat(count("orders")).isEqualTo(before);
  }

  /** A valid order, padded with whitespace to 1.5 MiB: over the 1 MiB default. */
  private static byte[] bigOrder() {
    String json = Http.json(order(item()));
    return (" ".repeat(3 << 19) + json).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aBadUrlEncodingIsProblemJson() {
    Http.Response nul = http.get("/orders/%00");
    assertProblem(nul, 400, null);
    assertThat(nul.body()).doesNotContain("<html");
    System.out.println("[strict] GET /orders/%00 -> " + nul.status() + " " + nul.body());
  }

  @Test
  void methodMediaTypeAndAcceptErrorsAreProblemJson() {
    assertProblem(http.send("DELETE", "/orders/1", BodyPublishers.noBody()), 405, null);
    assertProblem(http.send("POST", "/orders", BodyPublishers.ofString("<order/>"),
        "Content-Type", "application/xml"), 415, null);
    assertProblem(http.send("GET", "/orders/count", BodyPublishers.noBody(),
        "Accept", "text/html"), 406, null);
    assertProblem(http.send("GET", "/no/such/path", BodyPublishers.noBody(),
        "Accept", "text/html"), 404, null);
  }
}
