package dev.lakebase.examples.ingest;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an {@link IngestConfigException} into Spring Boot's "APPLICATION FAILED TO START". */
final class IngestConfigFailureAnalyzer extends AbstractFailureAnalyzer<IngestConfigException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, IngestConfigException cause) {
    return new FailureAnalysis("The ingest configuration is invalid: " + cause.getMessage(),
        "Review the property " + cause.property() + " (application.yml, an environment variable"
            + " or a command-line argument) and set it as described above.", cause);
  }
}
