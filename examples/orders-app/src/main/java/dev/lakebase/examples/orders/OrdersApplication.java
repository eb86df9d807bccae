package dev.lakebase.examples.orders;

import dev.lakebase.examples.orders.generator.SampleDataProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A REST API over TPC-H orders on Databricks Lakebase, through the Lakebase Spring Boot starter.
 * Needs Lakebase settings ({@code DATABRICKS_HOST} + auth and {@code LAKEBASE_ENDPOINT}, or {@code
 * lakebase.*}); for a local run on the emulator with generated data, see {@code
 * TestOrdersApplication} in the tests.
 */
@SpringBootApplication
@EnableConfigurationProperties(SampleDataProperties.class)
public class OrdersApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot arguments, e.g. {@code --orders.data.scale=10000}
   */
  public static void main(String[] args) {
    SpringApplication.run(OrdersApplication.class, args);
  }

  @Bean
  OpenAPI ordersOpenApi() {
    return new OpenAPI().info(new Info()
        .title("Lakebase orders API")
        .version("0.1.0")
        .description("TPC-H orders and line items on Databricks Lakebase, through the Lakebase"
            + " Java SDK. Errors are RFC 9457 problem JSON; every response carries"
            + " X-Process-Time (server time in milliseconds)."));
  }
}
