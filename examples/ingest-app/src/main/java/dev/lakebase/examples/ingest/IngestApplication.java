package dev.lakebase.examples.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * An HTTP ingest service on Lakebase: records posted as JSON land in configured tables through
 * batched COPY with idempotent retries, CSV files are imported in the background, and import
 * tasks are tracked in a Lakebase table. Needs Lakebase settings; {@code TestIngestApplication} in
 * the tests runs it on a local emulator.
 */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class IngestApplication {

  /**
   * Starts the application.
   *
   * @param args Spring Boot command-line arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(IngestApplication.class, args);
  }
}
