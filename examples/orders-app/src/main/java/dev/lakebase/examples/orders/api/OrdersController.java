package dev.lakebase.examples.orders.api;

import static dev.lakebase.examples.orders.api.InvalidParameterException.require;

import dev.lakebase.examples.orders.api.ApiModels.OrderCount;
import dev.lakebase.examples.orders.api.ApiModels.OrderPage;
import dev.lakebase.examples.orders.api.ApiModels.OrderSample;
import dev.lakebase.examples.orders.api.ApiModels.OrderStream;
import dev.lakebase.examples.orders.api.ApiModels.StatusUpdate;
import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.OrderRepository;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The orders API. */
@RestController
@RequestMapping("/orders")
@Tag(name = "orders", description = "TPC-H orders and their line items")
public class OrdersController {

  /** Largest page either pagination serves. */
  static final int MAX_PAGE_SIZE = 1000;
  private static final int SAMPLE_SIZE = 5;

  private final OrderRepository orders;

  /** @param orders the repository */
  public OrdersController(OrderRepository orders) {
    this.orders = orders;
  }

  @Operation(summary = "Count the orders")
  @GetMapping("/count")
  OrderCount count() {
    return new OrderCount(orders.count());
  }

  @Operation(summary = "Five random order keys", description = "Handy for trying the other calls.")
  @GetMapping("/sample")
  OrderSample sample() {
    return new OrderSample(orders.randomKeys(SAMPLE_SIZE));
  }

  @Operation(summary = "One order with its line items", description = "404 when it does not exist.")
  @GetMapping("/{order_key}")
  Order get(@PathVariable("order_key") long orderKey) {
    return orders.find(orderKey).orElseThrow(() -> new OrderNotFoundException(orderKey));
  }

  @Operation(summary = "Orders by key, page by page (offset pagination)",
      description = "Returns the total count and number of pages. Deep pages get slower: "
          + "prefer /orders/stream to walk all orders.")
  @GetMapping("/pages")
  OrderPage pages(
      @Parameter(description = "page number, from 1") @RequestParam(defaultValue = "1") long page,
      @Parameter(description = "orders per page, 1-" + MAX_PAGE_SIZE)
      @RequestParam(name = "page_size", defaultValue = "20") int pageSize) {
    require(page >= 1, "page", "must be at least 1, not " + page);
    checkPageSize(pageSize);
    long total = orders.count();
    long pages = (total + pageSize - 1) / pageSize;
    List<Order> content = page > pages ? List.of() : orders.page((page - 1) * pageSize, pageSize);
    return new OrderPage(page, pageSize, total, pages, content);
  }

  @Operation(summary = "Orders by key after a cursor (keyset pagination)",
      description = "Start without a cursor, then pass each response's next_cursor; "
          + "next_cursor is null after the last page. Every page costs the same however deep.")
  @GetMapping("/stream")
  OrderStream stream(
      @Parameter(description = "next_cursor of the previous page; omit for the first page")
      @RequestParam(required = false) Long cursor,
      @Parameter(description = "orders per page, 1-" + MAX_PAGE_SIZE)
      @RequestParam(name = "page_size", defaultValue = "100") int pageSize) {
    require(cursor == null || cursor >= 0, "cursor", "must be a next_cursor value, not " + cursor);
    checkPageSize(pageSize);
    // One more than asked: tells whether there is a next page without a count.
    List<Order> content = orders.after(cursor == null ? 0 : cursor, pageSize + 1);
    if (content.size() <= pageSize) {
      return new OrderStream(content, null);
    }
    List<Order> page = content.subList(0, pageSize);
    return new OrderStream(page, page.get(pageSize - 1).orderKey());
  }

  @Operation(summary = "Change an order's status", description = "o_orderstatus: F, O or P.")
  @PostMapping("/{order_key}/status")
  Order updateStatus(@PathVariable("order_key") long orderKey, @RequestBody StatusUpdate update) {
    String status = update.validated();
    if (!orders.updateStatus(orderKey, status)) {
      throw new OrderNotFoundException(orderKey);
    }
    return get(orderKey);
  }

  @Operation(summary = "Create an order with its line items",
      description = "One transaction: if any line item is rejected, nothing is stored. The server "
          + "computes the key, line numbers, extended prices (TPC-H retail price × quantity), "
          + "statuses and the total price.")
  @PostMapping
  ResponseEntity<Order> create(@RequestBody NewOrder request) {
    Order created = orders.create(request.toDraft());
    return ResponseEntity.created(URI.create("/orders/" + created.orderKey())).body(created);
  }

  private static void checkPageSize(int pageSize) {
    require(pageSize >= 1 && pageSize <= MAX_PAGE_SIZE, "page_size",
        "must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
  }
}
