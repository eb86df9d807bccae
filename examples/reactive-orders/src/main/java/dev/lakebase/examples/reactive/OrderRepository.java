package dev.lakebase.examples.reactive;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

/** Orders over R2DBC. */
public interface OrderRepository extends ReactiveCrudRepository<Order, Long> {

  /**
   * One keyset page: the orders after a key, in key order.
   *
   * @param after the last key of the previous page (0 for the first)
   * @param limit page size
   * @return the page
   */
  @Query("select * from orders where order_key > :after order by order_key limit :limit")
  Flux<Order> pageAfter(long after, int limit);
}
