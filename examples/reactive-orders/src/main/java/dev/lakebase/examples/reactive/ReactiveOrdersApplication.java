package dev.lakebase.examples.reactive;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * WebFlux + Spring Data R2DBC over Lakebase: the Lakebase starter's pooled R2DBC {@code
 * ConnectionFactory} serves the queries, its JDBC pool serves Flyway, and both use one credential
 * cache. Needs Lakebase settings; {@code TestReactiveOrdersApplication} in the tests runs it on a
 * local emulator with sample data.
 */
@SpringBootApplication
public class ReactiveOrdersApplication {

  /**
   * Starts the application.
   *
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(ReactiveOrdersApplication.class, args);
  }
}
