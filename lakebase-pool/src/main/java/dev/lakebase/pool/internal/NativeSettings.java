package dev.lakebase.pool.internal;

import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.pool.PoolType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Native pool settings passed through unchanged: {@code hikari.<property>} to a {@code
 * HikariConfig} bean setter, {@code vibur.<property>} to a {@code ViburConfig} setter (names as
 * in each library's documentation; kebab-case works too). Unknown properties, properties that
 * cannot be set from text, and the ones this module owns (connection target and credentials)
 * fail with an error naming the key.
 */
public final class NativeSettings {

  private static final String CORE_OWNS_IT = " cannot be set: the Lakebase DataSource opens every"
      + " connection and logs in with a fresh token, so the target and the user are core settings"
      + " (endpoint, host, user, ... with or without the lakebase. prefix)";

  private static final Set<String> HIKARI_RESERVED = Set.of("jdbcurl", "driverclassname",
      "datasourceclassname", "datasource", "datasourcejndi", "datasourceproperties", "username",
      "password", "credentials", "credentialsprovider", "credentialsproviderclassname");
  private static final Set<String> VIBUR_RESERVED = Set.of("jdbcurl", "driverclassname", "driver",
      "driverproperties", "externaldatasource", "username", "password");

  private NativeSettings() {}

  /**
   * The pool a native key belongs to.
   *
   * @param key e.g. {@code hikari.leakDetectionThreshold}
   * @return the pool type, empty when the key has neither prefix
   */
  public static Optional<PoolType> poolOf(String key) {
    String lower = key.toLowerCase(Locale.ROOT);
    if (lower.startsWith("hikari.")) {
      return Optional.of(PoolType.HIKARI);
    }
    return lower.startsWith("vibur.") ? Optional.of(PoolType.VIBUR) : Optional.empty();
  }

  /**
   * Checks that a native key names a property its pool library lets us set from text.
   *
   * @param key e.g. {@code vibur.statementCacheMaxSize}
   * @throws LakebaseConfigException naming the key
   */
  public static void check(String key) {
    PoolType type = poolOf(key).orElseThrow(() -> new LakebaseConfigException(key,
        "'" + key + "' is not a native pool setting: native keys start with hikari. or vibur."));
    Class<?> library;
    try {
      library = library(type, key);
    } catch (LakebaseConfigException missing) {
      // Keys for a library the application left out (HikariCP-only users may exclude Vibur)
      // are ignored like any key of the pool not in use; creating that pool names the gap.
      return;
    }
    setter(library, key);
  }

  /**
   * Applies the native settings of the target's pool library; keys of the other library are
   * skipped (one set of properties may carry both).
   *
   * @param target the pool (a {@code HikariConfig} or {@code ViburConfig})
   * @param type which keys to apply
   * @param settings native keys and values
   * @throws LakebaseConfigException naming the key whose value is invalid or rejected
   */
  public static void apply(Object target, PoolType type, Map<String, String> settings) {
    settings.forEach((key, value) -> {
      if (poolOf(key).orElse(null) != type) {
        return;
      }
      Method setter = setter(target.getClass(), key);
      try {
        setter.invoke(target, convert(key, value, setter.getParameterTypes()[0]));
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        String problem = cause instanceof LakebaseConfigException lce
            ? lce.getMessage() : String.valueOf(cause);
        throw new LakebaseConfigException(key, key + " '" + value + "' was rejected: " + problem,
            cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("public setter " + setter + " is not accessible", e);
      }
    });
  }

  /**
   * The pool library's configuration class, failing clearly when the library is missing (Vibur
   * may be excluded by HikariCP-only users).
   *
   * @param type the pool library
   * @param key the setting that asked for it, named in the error
   * @return {@code HikariConfig} or {@code ViburConfig}
   * @throws LakebaseConfigException naming {@code key} when the library is not on the classpath
   */
  public static Class<?> library(PoolType type, String key) {
    boolean hikari = type == PoolType.HIKARI;
    String name = hikari ? "com.zaxxer.hikari.HikariConfig" : "org.vibur.dbcp.ViburConfig";
    try {
      return Class.forName(name, false, NativeSettings.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new LakebaseConfigException(key, key + " needs " + (hikari
          ? "com.zaxxer:HikariCP" : "org.vibur:vibur-dbcp") + " on the classpath (" + name
          + " is missing): add the dependency, or use the other pool", e);
    }
  }

  private static Method setter(Class<?> type, String key) {
    String property = key.substring(key.indexOf('.') + 1);
    String normalized = PoolSetting.normalize(property);
    boolean hikari = poolOf(key).orElseThrow() == PoolType.HIKARI;
    if ((hikari ? HIKARI_RESERVED : VIBUR_RESERVED).contains(normalized)) {
      throw new LakebaseConfigException(key, key + CORE_OWNS_IT);
    }
    if (normalized.equals(hikari ? "poolname" : "name")) {
      throw new LakebaseConfigException(key, key + " cannot be set: use pool.name, which also"
          + " names the pool's threads, metrics and read-only twin");
    }
    Method found = null;
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())
          && m.getName().startsWith("set")
          && PoolSetting.normalize(m.getName().substring(3)).equals(normalized)) {
        found = m;
        if (convertible(m.getParameterTypes()[0])) {
          return m;
        }
      }
    }
    if (found != null) {
      throw new LakebaseConfigException(key, key + " cannot be set from text (its setter takes "
          + found.getParameterTypes()[0].getName() + "): call " + found.getName()
          + "(...) on the pool in code before its first getConnection()");
    }
    throw new LakebaseConfigException(key, key + " is not a " + (hikari ? "HikariCP" : "Vibur DBCP")
        + " setting: check the spelling against " + type.getName() + " (e.g. "
        + (hikari ? "hikari.leakDetectionThreshold" : "vibur.statementCacheMaxSize") + ")");
  }

  private static boolean convertible(Class<?> type) {
    return type == String.class || type == int.class || type == Integer.class
        || type == long.class || type == Long.class || type == boolean.class
        || type == Boolean.class || type == double.class || type == Double.class
        || type == float.class || type == Float.class;
  }

  private static Object convert(String key, String value, Class<?> type) {
    String text = value.trim();
    try {
      if (type == String.class) {
        return value;
      } else if (type == int.class || type == Integer.class) {
        return Integer.valueOf(text);
      } else if (type == long.class || type == Long.class) {
        return Long.valueOf(text);
      } else if (type == double.class || type == Double.class) {
        return Double.valueOf(text);
      } else if (type == float.class || type == Float.class) {
        return Float.valueOf(text);
      }
    } catch (NumberFormatException e) {
      throw new LakebaseConfigException(key, key + " '" + value + "' is not a number"
          + (type == double.class || type == Double.class || type == float.class
              || type == Float.class ? "" : ": use a whole number (milliseconds or seconds as the"
              + " property name says)"), e);
    }
    String lower = text.toLowerCase(Locale.ROOT);
    if (!lower.equals("true") && !lower.equals("false")) {
      throw new LakebaseConfigException(key, key + " '" + value + "' is not true or false");
    }
    return Boolean.valueOf(lower);
  }
}
