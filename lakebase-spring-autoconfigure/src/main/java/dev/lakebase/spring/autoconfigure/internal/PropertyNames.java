package dev.lakebase.spring.autoconfigure.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the configuration keys named by core and pool errors ({@code connectBudget}, {@code
 * pool.max-lifetime}, {@code hikari.maximumPoolSize}, ...) to the Spring property that sets them.
 */
public final class PropertyNames {

  /** Keys whose Spring name is not simply {@code lakebase.} + the kebab-cased key. */
  private static final Map<String, String> SPECIAL = Map.of(
      "sslrootcert", "lakebase.ssl-root-cert",
      "databrickshost", "lakebase.databricks.host",
      "databricksprofile", "lakebase.databricks.profile",
      "readonly", "lakebase.read-only.enabled",
      "pool.read-only-routing", "lakebase.read-only.enabled",
      "pool.read-only-maximum-pool-size", "lakebase.read-only.maximum-pool-size");

  /** Environment variables the core reads as fallbacks, by configuration key. */
  private static final Map<String, String> ENVIRONMENT_VARIABLES = environmentVariables();

  private PropertyNames() {}

  private static Map<String, String> environmentVariables() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("endpoint", "LAKEBASE_ENDPOINT");
    m.put("project", "LAKEBASE_PROJECT");
    m.put("branch", "LAKEBASE_BRANCH");
    m.put("instance", "LAKEBASE_INSTANCE");
    m.put("host", "PGHOST");
    m.put("port", "PGPORT");
    m.put("database", "PGDATABASE");
    m.put("user", "PGUSER");
    m.put("sslmode", "PGSSLMODE");
    m.put("sslrootcert", "PGSSLROOTCERT");
    m.put("applicationname", "PGAPPNAME");
    return m;
  }

  /**
   * Every environment variable the core reads as a fallback (Databricks Apps inject the {@code
   * PG*} ones).
   *
   * @return the variable names
   */
  public static Iterable<String> environmentVariableNames() {
    return ENVIRONMENT_VARIABLES.values();
  }

  /**
   * The environment variable the core reads for a key.
   *
   * @param key the configuration key, with or without a {@code lakebase.} prefix
   * @return e.g. {@code PGHOST} for {@code host}, empty when the key has none
   */
  public static Optional<String> environmentVariable(String key) {
    return Optional.ofNullable(ENVIRONMENT_VARIABLES.get(bare(key).toLowerCase(Locale.ROOT)));
  }

  /**
   * The Spring property for a core or pool configuration key.
   *
   * @param key the key, with or without a {@code lakebase.} prefix
   * @return e.g. {@code lakebase.connect-budget}, {@code lakebase.pool.max-lifetime} or {@code
   *     spring.datasource.hikari.maximum-pool-size}
   */
  public static String springProperty(String key) {
    String bare = bare(key);
    String special = SPECIAL.get(bare.toLowerCase(Locale.ROOT));
    if (special != null) {
      return special;
    }
    if (bare.startsWith("hikari.")) {
      return "spring.datasource.hikari." + kebab(bare.substring(7));
    }
    if (bare.startsWith("vibur.")) {
      // Vibur settings are a map: keep the user's spelling of the native name.
      return "lakebase.pool.vibur." + bare.substring(6);
    }
    return "lakebase." + kebab(bare);
  }

  private static String bare(String key) {
    return key.regionMatches(true, 0, "lakebase.", 0, 9) ? key.substring(9) : key;
  }

  /**
   * Kebab-cases a camel-case name.
   *
   * @param name e.g. {@code maximumPoolSize}
   * @return e.g. {@code maximum-pool-size}
   */
  static String kebab(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0 && name.charAt(i - 1) != '.' && name.charAt(i - 1) != '-') {
          out.append('-');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c == '_' ? '-' : c);
      }
    }
    return out.toString();
  }
}
