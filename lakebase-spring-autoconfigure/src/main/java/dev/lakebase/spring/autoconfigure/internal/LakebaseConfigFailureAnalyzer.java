package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.LakebaseConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link LakebaseConfigException} at startup into Spring Boot's "APPLICATION FAILED TO
 * START" report naming the property to set. (Values Spring cannot convert, such as a malformed
 * duration, are reported by Spring Boot's own bind-failure analysis with the property name.)
 */
public final class LakebaseConfigFailureAnalyzer
    extends AbstractFailureAnalyzer<LakebaseConfigException> {

  /** Creates the analyzer (registered in {@code META-INF/spring.factories}). */
  public LakebaseConfigFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LakebaseConfigException cause) {
    String description = "The Lakebase configuration is invalid: " + cause.getMessage();
    String action;
    if (cause.key() == null) {
      action = "Correct the lakebase.* configuration as described above.";
    } else {
      String property = PropertyNames.springProperty(cause.key());
      action = "Review the property " + property
          + PropertyNames.environmentVariable(cause.key())
              .map(variable -> " (or the environment variable " + variable + ")").orElse("")
          + " and set it as described above.";
    }
    return new FailureAnalysis(description, action, cause);
  }
}
