package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.RefreshStrategy;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.spi.HostResolver;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads typed values out of {@link RawSettings}; every failure names the key, the bad value and,
 * when it came from the environment, the variable.
 */
final class SettingParser {

  private static final Duration MIN_TTL = Duration.ofSeconds(300);
  private static final Duration MAX_TTL = Duration.ofSeconds(3600);

  private final RawSettings raw;

  SettingParser(RawSettings raw) {
    this.raw = raw;
  }

  /** A text value; target keys are checked against the resource naming rules. */
  Optional<String> text(ConfigKey key) {
    RawSettings.Setting s = raw.get(key);
    if (s == null) {
      return Optional.empty();
    }
    String problem = ResourceNames.problem(key, s.value());
    require(key, s, problem == null, problem);
    return Optional.of(s.value());
  }

  int port() {
    RawSettings.Setting s = raw.get(ConfigKey.PORT);
    if (s == null) {
      return Integer.parseInt(ConfigKey.PORT.defaultValue());
    }
    int port = -1;
    try {
      port = Integer.parseInt(s.value());
    } catch (NumberFormatException e) {
      // reported below
    }
    require(ConfigKey.PORT, s, port > 0 && port < 65536, "is not a port number (1-65535)");
    return port;
  }

  SslMode sslMode() {
    RawSettings.Setting s = raw.get(ConfigKey.SSLMODE);
    if (s == null) {
      return SslMode.REQUIRE;
    }
    try {
      return SslMode.parse(s.value());
    } catch (LakebaseConfigException e) {
      throw new LakebaseConfigException(e.key(), e.getMessage() + s.origin());
    }
  }

  boolean bool(ConfigKey key) {
    RawSettings.Setting s = raw.get(key);
    String value = s == null ? key.defaultValue() : s.value().toLowerCase(Locale.ROOT);
    require(key, s, value.equals("true") || value.equals("false"), "is not true or false");
    return value.equals("true");
  }

  Duration duration(ConfigKey key) {
    RawSettings.Setting s = raw.get(key);
    if (s == null) {
      return DurationText.parse(key.defaultValue());
    }
    Duration d;
    try {
      d = DurationText.parse(s.value());
    } catch (IllegalArgumentException e) {
      throw new LakebaseConfigException(key.key(), key.key() + ": " + e.getMessage() + s.origin());
    }
    require(key, s, !d.isNegative(), "must not be negative");
    return d;
  }

  Duration positiveDuration(ConfigKey key) {
    Duration d = duration(key);
    require(key, raw.get(key), !d.isZero(), "must be longer than zero");
    return d;
  }

  RefreshStrategy refreshStrategy() {
    RawSettings.Setting s = raw.get(ConfigKey.REFRESH_STRATEGY);
    if (s == null) {
      return RefreshStrategy.BACKGROUND;
    }
    try {
      return RefreshStrategy.parse(s.value());
    } catch (LakebaseConfigException e) {
      throw new LakebaseConfigException(e.key(), e.getMessage() + s.origin());
    }
  }

  /** The lifetime the credential API accepts as {@code ttl}: 300 s to 3600 s. */
  Optional<Duration> tokenTtl() {
    RawSettings.Setting s = raw.get(ConfigKey.TOKEN_TTL);
    if (s == null) {
      return Optional.empty();
    }
    Duration d = duration(ConfigKey.TOKEN_TTL);
    require(ConfigKey.TOKEN_TTL, s, d.compareTo(MIN_TTL) >= 0 && d.compareTo(MAX_TTL) <= 0,
        "is outside what the credential API accepts: use 5m to 1h (300s to 3600s)");
    require(ConfigKey.TOKEN_TTL, s, d.getNano() == 0, "must be whole seconds");
    return Optional.of(d);
  }

  Optional<String> permissionSet() {
    RawSettings.Setting s = raw.get(ConfigKey.TOKEN_PERMISSION_SET);
    if (s == null) {
      return Optional.empty();
    }
    String v = s.value().trim().toUpperCase(Locale.ROOT).replace('-', '_');
    require(ConfigKey.TOKEN_PERMISSION_SET, s, v.equals("READ_ONLY"),
        "is not a permission set: the credential API knows READ_ONLY only");
    return Optional.of(v);
  }

  /** A comma-separated list; blank entries are dropped. */
  java.util.List<String> list(ConfigKey key) {
    RawSettings.Setting s = raw.get(key);
    if (s == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(s.value().split(",")).map(String::trim)
        .filter(t -> !t.isEmpty()).toList();
  }

  /**
   * The resolver named by {@code hostResolver}. The class is looked up through the context class
   * loader (an application's or container's classes), then through the driver's own class loader:
   * a tool such as DBeaver loads the driver and the user's extra jars in a class loader of their
   * own and leaves the context class loader to itself. A class found under that name but built
   * against another copy of {@link HostResolver} is skipped the same way.
   */
  Optional<HostResolver> hostResolver() {
    Optional<String> className = text(ConfigKey.HOST_RESOLVER);
    if (className.isEmpty()) {
      return Optional.empty();
    }
    Set<ClassLoader> loaders = new LinkedHashSet<>();
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    loaders.add(SettingParser.class.getClassLoader());
    Throwable failure = null;
    for (ClassLoader loader : loaders) {
      try {
        Class<?> type = Class.forName(className.get(), true, loader);
        if (HostResolver.class.isAssignableFrom(type)) {
          return Optional.of(type.asSubclass(HostResolver.class).getConstructor().newInstance());
        }
        failure = new ClassCastException(type.getName() + " (from " + loader
            + ") does not implement this driver's dev.lakebase.jdbc.spi.HostResolver");
      } catch (ClassNotFoundException e) {
        failure = failure == null ? e : failure;
      } catch (ReflectiveOperationException | LinkageError e) {
        failure = e;
      }
    }
    throw new LakebaseConfigException(
        ConfigKey.HOST_RESOLVER.key(),
        "hostResolver '" + className.get() + "' could not be instantiated (" + failure
            + "): it must name a public class implementing"
            + " dev.lakebase.jdbc.spi.HostResolver with a public no-argument constructor",
        failure);
  }

  private static void require(ConfigKey key, RawSettings.Setting s, boolean ok, String problem) {
    if (!ok) {
      throw new LakebaseConfigException(
          key.key(), key.key() + " '" + s.value() + "' " + problem + s.origin());
    }
  }
}
