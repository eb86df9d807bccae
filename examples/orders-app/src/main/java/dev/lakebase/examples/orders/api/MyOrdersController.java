package dev.lakebase.examples.orders.api;

import static dev.lakebase.examples.orders.api.InvalidParameterException.require;

import dev.lakebase.examples.orders.api.ApiModels.StatusUpdate;
import dev.lakebase.examples.orders.data.MyOrderRepository;
import dev.lakebase.examples.orders.data.Order;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signed-in user's own orders (Databricks Apps user authorization): the request's {@code
 * X-Forwarded-Access-Token} decides the PostgreSQL role, and row-level security the rows. Without
 * the header the answer is 401 (a problem JSON), never the service principal's data.
 */
@RestController
@RequestMapping("/me")
@ConditionalOnBooleanProperty("lakebase.user-pools.enabled")
@Tag(name = "me", description = "The signed-in user's orders, as the user's own database role"
    + " (send X-Forwarded-Access-Token)")
public class MyOrdersController {

  private static final int MAX_LIMIT = 1000;

  private final MyOrderRepository orders;

  /** @param orders the user's orders */
  public MyOrdersController(MyOrderRepository orders) {
    this.orders = orders;
  }

  @Operation(summary = "Who the database sees", description = "current_user of the user's session.")
  @GetMapping
  Map<String, String> me() {
    return Map.of("user", orders.currentUser());
  }

  @Operation(summary = "The user's orders by key",
      description = "Only orders whose o_owner is the user: a PostgreSQL row-level security"
          + " policy, not a filter in the query.")
  @GetMapping("/orders")
  List<Order> myOrders(
      @Parameter(description = "how many, 1-" + MAX_LIMIT)
      @RequestParam(defaultValue = "20") int limit) {
    require(limit >= 1 && limit <= MAX_LIMIT, "limit",
        "must be between 1 and " + MAX_LIMIT + ", not " + limit);
    return orders.mine(limit);
  }

  @Operation(summary = "Change the status of one of the user's orders",
      description = "audit_log.changed_by records the user. Another user's order is not found.")
  @PostMapping("/orders/{order_key}/status")
  Order updateStatus(@PathVariable("order_key") long orderKey, @RequestBody StatusUpdate update) {
    String status = update.validated();
    return orders.updateStatus(orderKey, status)
        .orElseThrow(() -> new OrderNotFoundException(orderKey));
  }
}
