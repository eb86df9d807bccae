package dev.lakebase.examples.orders;

import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import org.springframework.boot.SpringApplication;

/**
 * The orders app on a local Lakebase emulator with generated sample data, for trying it out and
 * developing: the production {@link OrdersApplication#main} plus the testkit's emulator
 * configuration (Spring Boot's {@code spring-boot:test-run} idiom), so the emulator stays out of
 * the production jar. Run with {@code mvn -B -q -DskipTests -Prun -pl examples/orders-app -am
 * package}, or from an IDE. The {@code emulator} profile ({@code
 * src/test/resources/application-emulator.properties}) turns the sample data load on.
 */
public final class TestOrdersApplication {

  private TestOrdersApplication() {}

  /**
   * Starts the application on the emulator.
   *
   * @param args Spring Boot arguments, e.g. {@code --orders.data.scale=10000} or {@code
   *     --lakebase-emulator.data-dir=target/lakebase-data}
   */
  public static void main(String[] args) {
    SpringApplication.from(OrdersApplication::main)
        .with(LakebaseEmulatorConfiguration.class)
        .withAdditionalProfiles("emulator")
        .run(args);
  }
}
