package dev.lakebase.examples.orders.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.TpchRules;
import java.util.List;

/** Response bodies of the orders API (snake_case fields). */
final class ApiModels {

  private ApiModels() {}

  /** @param count how many orders there are */
  record OrderCount(@JsonProperty("count") long count) {}

  /** @param orderKeys random order keys */
  record OrderSample(@JsonProperty("order_keys") List<Long> orderKeys) {}

  /**
   * One page of an offset pagination.
   *
   * @param page the page, from 1
   * @param pageSize orders per page
   * @param totalCount orders in all
   * @param totalPages pages in all
   * @param orders this page's orders, by key
   */
  record OrderPage(
      @JsonProperty("page") long page,
      @JsonProperty("page_size") int pageSize,
      @JsonProperty("total_count") long totalCount,
      @JsonProperty("total_pages") long totalPages,
      @JsonProperty("orders") List<Order> orders) {}

  /**
   * One page of a keyset pagination.
   *
   * @param orders the orders after the cursor, by key
   * @param nextCursor pass it as {@code cursor} for the next page; null after the last page
   */
  record OrderStream(
      @JsonProperty("orders") List<Order> orders,
      @JsonProperty("next_cursor") Long nextCursor) {}

  /** @param orderStatus the new status: F, O or P */
  record StatusUpdate(@JsonProperty("o_orderstatus") String orderStatus) {

    /**
     * @return the status, checked
     * @throws InvalidParameterException naming o_orderstatus when missing or not F, O or P
     */
    String validated() {
      InvalidParameterException.require(orderStatus != null, "o_orderstatus", "is required");
      InvalidParameterException.require(TpchRules.ORDER_STATUSES.contains(orderStatus),
          "o_orderstatus", "must be one of " + String.join(", ", TpchRules.ORDER_STATUSES)
              + ", not '" + orderStatus + "'");
      return orderStatus;
    }
  }
}
