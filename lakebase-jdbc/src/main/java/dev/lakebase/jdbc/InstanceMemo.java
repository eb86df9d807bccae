package dev.lakebase.jdbc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The objects the driver and the auth plugin keep per distinct URL and property set (so discovery
 * results and the credential cache are reused across connects), owned by {@link LakebaseRuntime},
 * which closes them on {@link LakebaseRuntime#reset() reset} and {@link LakebaseRuntime#shutdown()
 * shutdown}.
 *
 * @param <T> what is kept
 */
final class InstanceMemo<T extends AutoCloseable> {

  private final Map<String, T> instances = new ConcurrentHashMap<>();

  /**
   * The instance for a key, created on first use.
   *
   * @param key a fingerprint (see {@link #key})
   * @param factory creates the instance; may throw, in which case nothing is kept
   * @return the instance
   */
  T get(String key, Supplier<T> factory) {
    T existing = instances.get(key);
    if (existing != null) {
      return existing;
    }
    T created = factory.get();
    T raced = instances.putIfAbsent(key, created);
    if (raced != null) {
      closeQuietly(created);
      return raced;
    }
    return created;
  }

  /** Closes and forgets every instance. */
  void closeAll() {
    for (String key : instances.keySet()) {
      T removed = instances.remove(key);
      if (removed != null) {
        closeQuietly(removed);
      }
    }
  }

  int size() {
    return instances.size();
  }

  /**
   * A digest of a URL and properties rather than the text itself: the properties may hold a
   * password.
   *
   * @param url the URL or a label
   * @param info the properties
   * @return the key
   */
  static String key(String url, Properties info) {
    StringBuilder canonical = new StringBuilder(url);
    for (String name : new TreeSet<>(info.stringPropertyNames())) {
      canonical.append('\n').append(name).append('=').append(info.getProperty(name));
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  private static void closeQuietly(AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      // Closing a DataSource or connector only releases caches; nothing to report.
    }
  }
}
