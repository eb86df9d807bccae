package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The text settings of a configuration as the user gave them, before parsing: a value per {@link
 * ConfigKey} (remembering the environment variable it came from, for messages) and the properties
 * passed through to pgjdbc. Mutable; owned by one {@code LakebaseConfig.Builder}.
 */
public final class RawSettings {

  /** A raw value and the environment variable it came from ({@code null} when set directly). */
  record Setting(String value, String envVar) {

    /** The origin of the value for error messages; empty when set directly. */
    String origin() {
      return envVar == null ? "" : " (from environment variable " + envVar + ")";
    }
  }

  private final Map<ConfigKey, Setting> values = new EnumMap<>(ConfigKey.class);
  private final Map<String, String> driverProperties = new LinkedHashMap<>();

  /** Empty settings. */
  public RawSettings() {}

  /**
   * A copy, for {@code toBuilder()}.
   *
   * @return an independent copy
   */
  public RawSettings copy() {
    RawSettings c = new RawSettings();
    c.values.putAll(values);
    c.driverProperties.putAll(driverProperties);
    return c;
  }

  /**
   * Sets a key; a {@code null} or blank value clears it.
   *
   * @param key the key
   * @param value the value
   */
  public void set(ConfigKey key, String value) {
    if (value == null || value.isBlank()) {
      values.remove(key);
    } else {
      values.put(key, new Setting(value.trim(), null));
    }
  }

  /**
   * Sets a configuration key by name (with or without the {@code lakebase.} prefix, any spelling
   * {@link ConfigKey#lookup} accepts) or, for other names, a pgjdbc pass-through property.
   *
   * @param name the name
   * @param value the value, {@code null} to clear
   */
  public void property(String name, String value) {
    Optional<ConfigKey> known = ConfigKey.lookup(name);
    if (known.isPresent()) {
      set(known.get(), value);
      return;
    }
    String passThrough = ConfigKey.stripPrefix(name);
    if (value == null) {
      driverProperties.remove(passThrough);
    } else {
      driverProperties.put(passThrough, value);
    }
  }

  /**
   * Takes every key's environment variable that has a non-blank value (the Databricks Apps
   * variables {@code PG*} and the {@code LAKEBASE_*} ones); keys set later override them.
   *
   * @param environment the variables, e.g. {@code System.getenv()}
   */
  public void fromEnvironment(Map<String, String> environment) {
    for (ConfigKey key : ConfigKey.values()) {
      String value = key.envVar() == null ? null : environment.get(key.envVar());
      if (value != null && !value.isBlank()) {
        values.put(key, new Setting(value.trim(), key.envVar()));
      }
    }
  }

  /**
   * Whether a key has a value.
   *
   * @param key the key
   * @return {@code true} when set
   */
  public boolean has(ConfigKey key) {
    return values.containsKey(key);
  }

  /**
   * The pgjdbc pass-through properties, in the order given.
   *
   * @return an unmodifiable view
   */
  public Map<String, String> driverProperties() {
    return Collections.unmodifiableMap(driverProperties);
  }

  Setting get(ConfigKey key) {
    return values.get(key);
  }

  /** The key, its value and where it came from, for conflict messages. */
  String describe(ConfigKey key) {
    Setting s = values.get(key);
    String name = key == ConfigKey.PROJECT ? "project+branch" : key.key();
    String from = s.envVar() == null ? "" : " from " + s.envVar();
    return name + " (" + s.value() + from + ")";
  }
}
