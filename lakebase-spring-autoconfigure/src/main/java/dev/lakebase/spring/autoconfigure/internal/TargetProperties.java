package dev.lakebase.spring.autoconfigure.internal;

import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/** The properties and environment variables that name a Lakebase target. */
public final class TargetProperties {

  /**
   * A {@code lakebase.*} target property, or an environment variable the core reads (a Databricks
   * App has {@code PGHOST}, plus {@code LAKEBASE_ENDPOINT} when the app sets it).
   */
  public static final List<String> NAMES = List.of(
      "lakebase.endpoint", "lakebase.project", "lakebase.branch", "lakebase.instance",
      "lakebase.host", "LAKEBASE_ENDPOINT", "LAKEBASE_PROJECT", "LAKEBASE_INSTANCE", "PGHOST");

  private TargetProperties() {}

  /**
   * The first target property that is set.
   *
   * @param environment the environment
   * @return the property's name, or {@code null} when no target is configured
   */
  public static String firstSet(Environment environment) {
    for (String name : NAMES) {
      if (StringUtils.hasText(environment.getProperty(name))) {
        return name;
      }
    }
    return null;
  }
}
