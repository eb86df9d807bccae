package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.LakebaseUrl;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
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
 * <p>Each distinct URL and property set gets one {@link LakebaseDataSource}, kept until {@link
 * LakebaseRuntime#reset()} or {@link LakebaseRuntime#shutdown()}, so discovery results and the
 * credential cache are reused across connects.
 */
public final class LakebaseDriver implements Driver {

  /** The instance registered with {@link DriverManager}, kept so that it can be deregistered. */
  private static final LakebaseDriver REGISTERED = new LakebaseDriver();

  static {
    try {
      DriverManager.registerDriver(REGISTERED);
    } catch (SQLException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Creates the driver; applications use {@link DriverManager} instead. */
  public LakebaseDriver() {}

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties props = info == null ? new Properties() : info;
    LakebaseDataSource ds;
    try {
      ds = LakebaseRuntime.DRIVER_DATA_SOURCES.get(InstanceMemo.key(url, props),
          () -> new LakebaseDataSource(configFor(url, props)));
    } catch (LakebaseConfigException e) {
      throw new SQLNonTransientConnectionException(e.getMessage(), "08001", e);
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
      // Secrets are never echoed back to a tool's property editor.
      String value = k.secret() ? null : given.getOrDefault(k.key(), k.defaultValue());
      DriverPropertyInfo p = new DriverPropertyInfo(k.key(), value);
      p.description = k.description() + (k.envVar() == null ? "" : " (env " + k.envVar() + ")")
          + (k.secret() ? " [secret]" : "");
      p.required = false;
      p.choices = choices(k);
      result[i] = p;
    }
    return result;
  }

  /** The allowed values of the keys that have few, for a tool's drop-down. */
  private static String[] choices(ConfigKey key) {
    return switch (key) {
      case SSLMODE -> Arrays.stream(SslMode.values()).map(SslMode::pgValue).toArray(String[]::new);
      case READ_ONLY -> new String[] {"true", "false"};
      default -> null;
    };
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
    return LakebaseUrl.configFor(url, info, System.getenv());
  }

  /** Removes the registered instance from {@link DriverManager} ({@link LakebaseRuntime#shutdown()}). */
  static void deregister() {
    try {
      DriverManager.deregisterDriver(REGISTERED);
    } catch (SQLException | SecurityException e) {
      // Not registered through this class loader's DriverManager view: nothing to undo.
    }
  }
}
