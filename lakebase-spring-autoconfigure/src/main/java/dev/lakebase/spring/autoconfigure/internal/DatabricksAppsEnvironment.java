package dev.lakebase.spring.autoconfigure.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * The environment variables the core reads as fallbacks (Databricks Apps inject the {@code PG*}
 * ones for an app's database resource), looked up through Spring's {@link Environment} rather than
 * {@code System.getenv()}: real variables still win through Spring's system-environment property
 * source, and tests can supply them without touching the process environment.
 */
final class DatabricksAppsEnvironment {

  private DatabricksAppsEnvironment() {}

  /**
   * The variables that have a value.
   *
   * @param environment Spring's environment
   * @return variable name to value
   */
  public static Map<String, String> variables(Environment environment) {
    Map<String, String> found = new LinkedHashMap<>();
    for (String name : PropertyNames.environmentVariableNames()) {
      String value = environment.getProperty(name);
      if (value != null && !value.isBlank()) {
        found.put(name, value);
      }
    }
    return found;
  }
}
