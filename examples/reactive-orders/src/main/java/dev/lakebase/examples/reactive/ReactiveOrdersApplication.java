package dev.lakebase.examples.reactive;

import dev.lakebase.examples.support.EmbeddedLakebase;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * WebFlux + Spring Data R2DBC over Lakebase: the Lakebase starter's pooled R2DBC {@code
 * ConnectionFactory} serves the queries, its JDBC pool serves Flyway, and both use one credential
 * cache. With no Lakebase settings, the embedded emulator is the database.
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

  /**
   * Adds the sample data to the migrations on the embedded default only: a real database keeps
   * whatever orders it has.
   *
   * @param environment the environment
   * @return the customizer
   */
  @Bean
  FlywayConfigurationCustomizer sampleData(Environment environment) {
    return flyway -> {
      if (EmbeddedLakebase.isActive(environment)) {
        flyway.locations("classpath:db/migration", "classpath:db/sample-data");
      }
    };
  }
}
