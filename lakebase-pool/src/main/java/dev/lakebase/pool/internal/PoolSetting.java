package dev.lakebase.pool.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The pool settings of {@code LakebasePoolConfig}: {@code Properties} keys {@code pool.<name>} (or
 * {@code lakebase.pool.<name>}); names are matched case-insensitively in kebab-case, camelCase or
 * snake_case.
 */
public enum PoolSetting {
  /** {@code pool.type}: hikari or vibur. */
  TYPE("type"),
  /** {@code pool.name}. */
  NAME("name"),
  /** {@code pool.maximum-pool-size}. */
  MAXIMUM_POOL_SIZE("maximum-pool-size"),
  /** {@code pool.minimum-idle}. */
  MINIMUM_IDLE("minimum-idle"),
  /** {@code pool.max-lifetime}. */
  MAX_LIFETIME("max-lifetime"),
  /** {@code pool.token-lifetime}. */
  TOKEN_LIFETIME("token-lifetime"),
  /** {@code pool.connection-timeout}. */
  CONNECTION_TIMEOUT("connection-timeout"),
  /** {@code pool.idle-timeout}. */
  IDLE_TIMEOUT("idle-timeout"),
  /** {@code pool.keepalive-time}. */
  KEEPALIVE_TIME("keepalive-time"),
  /** {@code pool.validation-timeout}. */
  VALIDATION_TIMEOUT("validation-timeout"),
  /** {@code pool.read-only-routing}. */
  READ_ONLY_ROUTING("read-only-routing"),
  /** {@code pool.read-only-maximum-pool-size}. */
  READ_ONLY_MAXIMUM_POOL_SIZE("read-only-maximum-pool-size");

  /** Prefix of every pool key. */
  public static final String PREFIX = "pool.";

  private final String name;

  PoolSetting(String name) {
    this.name = name;
  }

  /**
   * The key as it appears in {@code Properties} and messages.
   *
   * @return e.g. {@code pool.max-lifetime}
   */
  public String key() {
    return PREFIX + name;
  }

  /**
   * Finds a setting by name.
   *
   * @param name the name without the {@code pool.} prefix, in any supported spelling
   * @return the setting, or empty when no setting has that name
   */
  public static Optional<PoolSetting> lookup(String name) {
    String normalized = normalize(name);
    return Arrays.stream(values()).filter(s -> normalize(s.name).equals(normalized)).findFirst();
  }

  /**
   * Every key, for error messages.
   *
   * @return e.g. {@code pool.type, pool.name, ...}
   */
  public static String allKeys() {
    return Arrays.stream(values()).map(PoolSetting::key).collect(Collectors.joining(", "));
  }

  /**
   * Lower-cases a property name and drops {@code -} and {@code _}, so that spellings compare equal.
   *
   * @param name the name
   * @return the normalized name
   */
  public static String normalize(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
