package dev.lakebase.examples.reactive;

import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import org.springframework.boot.SpringApplication;

/**
 * The application on a local Lakebase emulator with 50,000 sample orders (the {@code emulator}
 * profile adds the sample-data migration): the production main plus the testkit's emulator
 * configuration, so the emulator stays out of the production jar. Run with {@code mvn -B -q
 * -DskipTests -Prun -pl examples/reactive-orders -am package}, or from an IDE.
 */
public final class TestReactiveOrdersApplication {

  private TestReactiveOrdersApplication() {}

  /**
   * Starts the application on the emulator.
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.from(ReactiveOrdersApplication::main)
        .with(LakebaseEmulatorConfiguration.class)
        .withAdditionalProfiles("emulator")
        .run(args);
  }
}
