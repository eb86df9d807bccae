package dev.lakebase.examples.orders.api;

import static dev.lakebase.examples.orders.api.InvalidParameterException.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakebase.examples.orders.data.LineItem;
import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.TpchRules;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Body of {@code POST /orders}. Prices, statuses and line numbers are computed by the server
 * following the TPC-H rules; value ranges (priorities, quantities, discounts, ...) are checked by
 * the database's constraints, so a violation rolls the whole order back.
 *
 * @param custKey {@code o_custkey}, required
 * @param orderPriority {@code o_orderpriority}, required: {@code 1-URGENT} … {@code 5-LOW}
 * @param clerk {@code o_clerk}, required: {@code Clerk#} and 9 digits
 * @param orderDate {@code o_orderdate}, default today (UTC)
 * @param comment {@code o_comment}, default empty
 * @param lineItems 1–7 line items, required
 */
public record NewOrder(
    @JsonProperty("o_custkey") Long custKey,
    @JsonProperty("o_orderpriority") String orderPriority,
    @JsonProperty("o_clerk") String clerk,
    @JsonProperty("o_orderdate") LocalDate orderDate,
    @JsonProperty("o_comment") String comment,
    @JsonProperty("lineitems") List<NewLineItem> lineItems) {

  /** Most line items per order in TPC-H. */
  static final int MAX_LINE_ITEMS = 7;

  /**
   * A line item of a new order.
   *
   * @param partKey {@code l_partkey}, required; the price is the part's TPC-H retail price
   * @param suppKey {@code l_suppkey}, required
   * @param quantity {@code l_quantity}, required: 1–50
   * @param discount {@code l_discount}, required: 0.00–0.10
   * @param tax {@code l_tax}, required: 0.00–0.08
   * @param shipDate {@code l_shipdate}, default the day after the order date
   * @param commitDate {@code l_commitdate}, default 30 days after the order date
   * @param receiptDate {@code l_receiptdate}, default the day after the ship date
   * @param shipInstruct {@code l_shipinstruct}, default {@code NONE}
   * @param shipMode {@code l_shipmode}, default {@code AIR}
   * @param comment {@code l_comment}, default empty
   */
  public record NewLineItem(
      @JsonProperty("l_partkey") Long partKey,
      @JsonProperty("l_suppkey") Long suppKey,
      @JsonProperty("l_quantity") BigDecimal quantity,
      @JsonProperty("l_discount") BigDecimal discount,
      @JsonProperty("l_tax") BigDecimal tax,
      @JsonProperty("l_shipdate") LocalDate shipDate,
      @JsonProperty("l_commitdate") LocalDate commitDate,
      @JsonProperty("l_receiptdate") LocalDate receiptDate,
      @JsonProperty("l_shipinstruct") String shipInstruct,
      @JsonProperty("l_shipmode") String shipMode,
      @JsonProperty("l_comment") String comment) {}

  /**
   * Checks the required fields and computes what the server derives.
   *
   * @return the order to insert (its key is assigned by the database)
   * @throws InvalidParameterException naming the first missing or malformed field
   */
  Order toDraft() {
    require(custKey != null, "o_custkey", "is required");
    require(orderPriority != null, "o_orderpriority", "is required");
    require(clerk != null, "o_clerk", "is required");
    require(lineItems != null && !lineItems.isEmpty(), "lineitems", "must have 1 to "
        + MAX_LINE_ITEMS + " line items");
    require(lineItems.size() <= MAX_LINE_ITEMS, "lineitems", "must have 1 to "
        + MAX_LINE_ITEMS + " line items, not " + lineItems.size());
    maxLength(orderPriority, "o_orderpriority", 15);
    maxLength(clerk, "o_clerk", 15);
    maxLength(comment, "o_comment", 79);
    LocalDate date = orderDate != null ? orderDate : LocalDate.now(ZoneOffset.UTC);
    List<LineItem> items = new ArrayList<>(lineItems.size());
    for (int i = 0; i < lineItems.size(); i++) {
      items.add(lineItem(lineItems.get(i), i, date));
    }
    return new Order(0, custKey, TpchRules.orderStatus(items), TpchRules.totalPrice(items), date,
        orderPriority, clerk, 0, comment != null ? comment : "", items);
  }

  private static LineItem lineItem(NewLineItem item, int index, LocalDate orderDate) {
    String field = "lineitems[" + index + "].";
    require(item != null, "lineitems[" + index + "]", "must be an object");
    require(item.partKey() != null, field + "l_partkey", "is required");
    require(item.suppKey() != null, field + "l_suppkey", "is required");
    require(item.quantity() != null, field + "l_quantity", "is required");
    require(item.discount() != null, field + "l_discount", "is required");
    require(item.tax() != null, field + "l_tax", "is required");
    maxLength(item.shipInstruct(), field + "l_shipinstruct", 25);
    maxLength(item.shipMode(), field + "l_shipmode", 10);
    maxLength(item.comment(), field + "l_comment", 44);
    // The columns are NUMERIC(15,2): round as PostgreSQL will, so the total matches the rows.
    BigDecimal quantity = item.quantity().setScale(2, RoundingMode.HALF_UP);
    BigDecimal discount = item.discount().setScale(2, RoundingMode.HALF_UP);
    BigDecimal tax = item.tax().setScale(2, RoundingMode.HALF_UP);
    LocalDate shipDate = item.shipDate() != null ? item.shipDate() : orderDate.plusDays(1);
    LocalDate receiptDate = item.receiptDate() != null ? item.receiptDate() : shipDate.plusDays(1);
    return new LineItem(0, item.partKey(), item.suppKey(), index + 1, quantity,
        TpchRules.extendedPrice(item.partKey(), quantity), discount, tax,
        receiptDate.isAfter(TpchRules.CURRENT_DATE) ? "N" : "A", TpchRules.lineStatus(shipDate),
        shipDate, item.commitDate() != null ? item.commitDate() : orderDate.plusDays(30),
        receiptDate, item.shipInstruct() != null ? item.shipInstruct() : "NONE",
        item.shipMode() != null ? item.shipMode() : "AIR",
        item.comment() != null ? item.comment() : "");
  }

  /**
   * The column lengths of V1__tpch_orders.sql, checked here because PostgreSQL's "value too long
   * for type character varying(15)" does not say which column.
   */
  private static void maxLength(String value, String field, int max) {
    if (value != null) {
      int length = value.codePointCount(0, value.length());
      require(length <= max, field, "must be at most " + max + " characters, not " + length);
    }
  }
}
