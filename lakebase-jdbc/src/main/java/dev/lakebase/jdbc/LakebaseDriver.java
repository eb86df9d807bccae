package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.ConfigKey;
import dev.lakebase.jdbc.internal.Fingerprint;
import dev.lakebase.jdbc.internal.LakebaseUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A {@link Driver} for {@code jdbc:lakebase:} URLs, so tools that take a JDBC URL (Flyway,
 * Liquibase, DBeaver, HikariCP {@code jdbcUrl} mode) get per-connect credentials, retries and
 * cold-start handling. Registered through {@code META-INF/services/java.sql.Driver}.
 *
 * <p>Grammar (query values URL-decoded; keys are the configuration keys, unknown keys go to
 * pgjdbc; precedence: URL parameters, then connect properties, then environment):
 *
 * <pre>
 * jdbc:lakebase:projects/{p}/branches/{b}/endpoints/{e}[?k=v&amp;...]
 * jdbc:lakebase:projects/{p}/branches/{b}[?k=v&amp;...]
 * jdbc:lakebase:instances/{name}[?k=v&amp;...]
 * jdbc:lakebase://{host}[:{port}][/{database}][?k=v&amp;...]
 * jdbc:lakebase:[?k=v&amp;...]
 * </pre>
 *
 * <p>Each distinct URL and property set gets one {@link LakebaseDataSource} for the life of the
 * process, so discovery results and the credential cache are reused across connects.
 */
public final class LakebaseDriver implements Driver {

  static {
    try {
      DriverManager.registerDriver(new LakebaseDriver());
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private static final Map<String, LakebaseDataSource> DATA_SOURCES = new ConcurrentHashMap<>();

  /** Creates the driver; applications use {@link DriverManager} instead. */
  public LakebaseDriver() {}

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = info == null ? new Properties() : info;
    String key = fingerprint(url, props);
    LakebaseDataSource ds = DATA_SOURCES.get(key);
    if (ds == null) {
      LakebaseConfig config;
      try {
        config = configFor(url, props);
      } catch (LakebaseConfigException e) {
        throw new SQLNonTransientConnectionException(e.getMessage(), "08001", e);
      }
      ds = DATA_SOURCES.computeIfAbsent(key, k -> new LakebaseDataSource(config));
    }
    return ds.getConnection();
  }

  @Override
  public boolean acceptsURL(String url) {
    return LakebaseUrl.accepts(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    Map<String, String> given = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (info != null) {
      info.stringPropertyNames().forEach(n -> given.put(n, info.getProperty(n)));
    }
    if (acceptsURL(url)) {
      try {
        given.putAll(LakebaseUrl.parse(url));
      } catch (LakebaseConfigException e) {
        // a malformed URL shows no values
      }
    }
    ConfigKey[] keys = ConfigKey.values();
    DriverPropertyInfo[] result = new DriverPropertyInfo[keys.length];
    for (int i = 0; i < keys.length; i++) {
      ConfigKey k = keys[i];
      String value = k == ConfigKey.PASSWORD ? null : given.getOrDefault(k.key(), k.defaultValue());
      DriverPropertyInfo p = new DriverPropertyInfo(k.key(), value);
      p.description = k.description() + (k.envVar() == null ? "" : " (env " + k.envVar() + ")");
      p.required = false;
      result[i] = p;
    }
    return result;
  }

  @Override
  public int getMajorVersion() {
    return 0;
  }

  @Override
  public int getMinorVersion() {
    return 1;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return Logger.getLogger("dev.lakebase.jdbc");
  }

  static LakebaseConfig configFor(String url, Properties info) {
    return LakebaseConfig.builder(System.getenv())
        .properties(info)
        .properties(LakebaseUrl.parse(url))
        .build();
  }

  /** A digest rather than the text itself: the properties may hold a password. */
  private static String fingerprint(String url, Properties info) {
    StringBuilder canonical = new StringBuilder(url);
    for (String name : new TreeSet<>(info.stringPropertyNames())) {
      canonical.append('\n').append(name).append('=').append(info.getProperty(name));
    }
    return Fingerprint.sha256(canonical.toString());
  }
}
