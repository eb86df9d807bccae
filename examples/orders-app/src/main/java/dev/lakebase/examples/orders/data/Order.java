package dev.lakebase.examples.orders.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A row of TPC-H {@code orders}; JSON fields are the TPC-H column names.
 *
 * @param orderKey {@code o_orderkey}
 * @param custKey {@code o_custkey}
 * @param orderStatus {@code o_orderstatus}: F (all line items shipped), O (none), P (some)
 * @param totalPrice {@code o_totalprice}: sum of extendedprice × (1 + tax) × (1 − discount)
 * @param orderDate {@code o_orderdate}
 * @param orderPriority {@code o_orderpriority}, {@code 1-URGENT} … {@code 5-LOW}
 * @param clerk {@code o_clerk}, {@code Clerk#000000951} style
 * @param shipPriority {@code o_shippriority}
 * @param comment {@code o_comment}
 * @param lineItems the order's line items; omitted in listings
 */
public record Order(
    @JsonProperty("o_orderkey") long orderKey,
    @JsonProperty("o_custkey") long custKey,
    @JsonProperty("o_orderstatus") String orderStatus,
    @JsonProperty("o_totalprice") BigDecimal totalPrice,
    @JsonProperty("o_orderdate") LocalDate orderDate,
    @JsonProperty("o_orderpriority") String orderPriority,
    @JsonProperty("o_clerk") String clerk,
    @JsonProperty("o_shippriority") int shipPriority,
    @JsonProperty("o_comment") String comment,
    @JsonProperty("lineitems") @JsonInclude(JsonInclude.Include.NON_NULL) List<LineItem> lineItems) {

  /**
   * @param items the line items
   * @return this order with its line items
   */
  public Order withLineItems(List<LineItem> items) {
    return new Order(orderKey, custKey, orderStatus, totalPrice, orderDate, orderPriority, clerk,
        shipPriority, comment, items);
  }
}
