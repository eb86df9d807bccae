package dev.lakebase.examples.reactive;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /orders/count}, {@code GET /orders/{key}}, and {@code GET /orders?after=&limit=}: a
 * keyset stream of orders as a {@link Flux} (JSON array, or one order per line with {@code
 * Accept: application/x-ndjson}), read page by page so that a long stream holds one connection
 * per page, never the whole result.
 */
@RestController
class OrderController {

  /** Rows per keyset page. */
  static final int PAGE = 500;
  /** Most orders one stream returns. */
  static final int MAX_LIMIT = 100_000;

  private final OrderRepository orders;

  OrderController(OrderRepository orders) {
    this.orders = orders;
  }

  @GetMapping("/orders/count")
  Mono<Map<String, Long>> count() {
    return orders.count().map(n -> Map.of("count", n));
  }

  @GetMapping("/orders/{key}")
  Mono<Order> get(@PathVariable long key) {
    return orders.findById(key).switchIfEmpty(Mono.error(
        () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + key)));
  }

  @GetMapping(value = "/orders", produces = {MediaType.APPLICATION_JSON_VALUE,
      MediaType.APPLICATION_NDJSON_VALUE})
  Flux<Order> stream(@RequestParam(defaultValue = "0") long after,
      @RequestParam(defaultValue = "1000") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      return Flux.error(new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "limit must be between 1 and " + MAX_LIMIT));
    }
    return page(after, limit)
        .expand(p -> p.last() ? Mono.empty()
            : page(p.orders().get(p.orders().size() - 1).orderKey(), p.remaining()))
        .concatMapIterable(Page::orders);
  }

  private Mono<Page> page(long after, int remaining) {
    int size = Math.min(PAGE, remaining);
    return orders.pageAfter(after, size).collectList()
        .map(list -> new Page(list, list.size() < size, remaining - list.size()));
  }

  /**
   * A keyset page.
   *
   * @param orders the page's orders
   * @param exhausted whether the table had no more orders
   * @param remaining how many orders the stream still owes after this page
   */
  private record Page(List<Order> orders, boolean exhausted, int remaining) {
    boolean last() {
      return exhausted || remaining == 0 || orders.isEmpty();
    }
  }
}
