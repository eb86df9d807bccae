package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.ConfigKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the configuration keys named by core and pool errors ({@code connectBudget}, {@code
 * pool.max-lifetime}, {@code hikari.maximumPoolSize}, ...) to the Spring property that sets them,
 * and lists the environment variables the core reads. Both derive from the core's {@link
 * ConfigKey}; only the keys whose Spring name is not the kebab-cased key are listed here.
 */
final class PropertyNames {

  /** Keys whose Spring name is not simply {@code lakebase.} + the kebab-cased key. */
  private static final Map<String, String> SPECIAL = Map.of(
      "sslrootcert", "lakebase.ssl-root-cert",
      "readonly", "lakebase.read-only.enabled",
      "pool.read-only-routing", "lakebase.read-only.enabled",
      "pool.read-only-maximum-pool-size", "lakebase.read-only.maximum-pool-size");

  private PropertyNames() {}

  /**
   * Every environment variable the core reads as a fallback (Databricks Apps inject the {@code
   * PG*} ones).
   *
   * @return the variable names
   */
  public static Iterable<String> environmentVariableNames() {
    List<String> names = new ArrayList<>();
    for (ConfigKey key : ConfigKey.values()) {
      if (key.envVar() != null) {
        names.add(key.envVar());
      }
    }
    return names;
  }

  /**
   * The environment variable the core reads for a key.
   *
   * @param key the configuration key, with or without a {@code lakebase.} prefix
   * @return e.g. {@code PGHOST} for {@code host}, empty when the key has none
   */
  public static Optional<String> environmentVariable(String key) {
    return ConfigKey.lookup(key).map(ConfigKey::envVar);
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
    if (bare.startsWith("databricks") && bare.length() > "databricks".length()) {
      // databricksHost, databricksClientSecret, ...: the workspace client's settings group.
      String rest = bare.substring("databricks".length());
      return "lakebase.databricks." + kebab(Character.toLowerCase(rest.charAt(0))
          + rest.substring(1));
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
