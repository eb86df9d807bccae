package dev.lakebase.spring.autoconfigure.app;

import java.math.BigDecimal;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain Spring Boot application: no Lakebase code at all. The starter's auto-configuration
 * gives it the Lakebase DataSource that Flyway, JdbcTemplate and Actuator use.
 */
@SpringBootApplication
public class OrdersApplication {

  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  /** Reads through the auto-configured DataSource. */
  @RestController
  static class OrdersController {

    private final JdbcTemplate jdbc;

    OrdersController(JdbcTemplate jdbc) {
      this.jdbc = jdbc;
    }

    @GetMapping("/orders/revenue")
    BigDecimal revenue() {
      return jdbc.queryForObject("select sum(total) from orders", BigDecimal.class);
    }
  }
}
