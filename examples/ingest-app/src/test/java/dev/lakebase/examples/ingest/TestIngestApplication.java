package dev.lakebase.examples.ingest;

import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import org.springframework.boot.SpringApplication;

/**
 * The ingest app on a local Lakebase emulator: the production main plus the testkit's emulator
 * configuration, so the emulator stays out of the production jar. Run with {@code mvn -B -q
 * -DskipTests -Prun -pl examples/ingest-app -am package}, or from an IDE; {@code
 * --lakebase-emulator.data-dir=target/lakebase-data} keeps the data between runs.
 */
public final class TestIngestApplication {

  private TestIngestApplication() {}

  /**
   * Starts the application on the emulator.
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.from(IngestApplication::main)
        .with(LakebaseEmulatorConfiguration.class)
        .run(args);
  }
}
