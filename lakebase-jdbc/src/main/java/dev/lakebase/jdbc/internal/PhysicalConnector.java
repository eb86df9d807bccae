package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Opens one physical connection through the physical driver (pgjdbc by default) with a given
 * credential. With pgjdbc, the TCP connection is made by {@link LakebaseSocketFactory} to the
 * addresses we resolved, bounded by the attempt's deadline.
 */
final class PhysicalConnector {

  private static final String SOCKET_TIMEOUT = "socketTimeout";

  /** The result of a successful attempt. */
  record Opened(Connection connection, boolean serverHeld) {}

  private final LakebaseConfig config;
  private final Driver driver;
  private final boolean pgjdbc;
  private final Properties base = new Properties();
  private final int socketTimeoutMillis;

  PhysicalConnector(LakebaseConfig config) {
    this.config = config;
    this.driver = PhysicalDriverSeam.physicalDriver(config);
    this.pgjdbc = driver instanceof org.postgresql.Driver;
    Map<String, String> passThrough = new LinkedHashMap<>(config.driverProperties());
    // pgjdbc would apply socketTimeout before login and override the attempt's deadline;
    // it is applied once the login is done instead.
    this.socketTimeoutMillis = pgjdbc ? socketTimeoutMillis(passThrough.remove(SOCKET_TIMEOUT)) : 0;
    if (pgjdbc) {
      base.setProperty("sslmode", config.sslMode().pgValue());
      config.sslRootCert().ifPresent(c -> base.setProperty("sslrootcert", c));
      config.applicationName().ifPresent(a -> base.setProperty("ApplicationName", a));
      base.setProperty("tcpKeepAlive", "true");
    }
    base.putAll(passThrough);
    if (pgjdbc) {
      base.setProperty("socketFactory", LakebaseSocketFactory.class.getName());
    }
  }

  /**
   * Whether this connector resolves host names itself (only with pgjdbc, through the socket
   * factory); other drivers resolve on their own.
   *
   * @return {@code true} with pgjdbc
   */
  boolean resolvesHosts() {
    return pgjdbc;
  }

  Opened open(String host, InetAddress[] addresses, String user, String password,
      Deadline attemptDeadline) throws SQLException {
    String url = "jdbc:postgresql://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + config.port() + "/" + URLEncoder.encode(config.database(), StandardCharsets.UTF_8);
    Properties props = new Properties();
    props.putAll(base);
    props.setProperty("user", user);
    props.setProperty("password", password);
    if (!pgjdbc) {
      return new Opened(connect(url, props), false);
    }
    LoginAttempt attempt =
        new LoginAttempt(addresses, config.port(), attemptDeadline, config.connectTimeout());
    String id = LoginAttempt.register(attempt);
    props.setProperty("socketFactoryArg", id);
    try {
      Connection connection = connect(url, props);
      attempt.loggedIn();
      try {
        connection.setNetworkTimeout(null, socketTimeoutMillis);
      } catch (SQLException e) {
        connection.close();
        throw e;
      }
      return new Opened(connection, attempt.serverHeld());
    } finally {
      LoginAttempt.unregister(id);
    }
  }

  private Connection connect(String url, Properties props) throws SQLException {
    Connection c = driver.connect(url, props);
    if (c == null) {
      throw new SQLNonTransientConnectionException(
          "The physical driver " + driver.getClass().getName() + " does not accept " + url,
          "08001");
    }
    return c;
  }

  private static int socketTimeoutMillis(String seconds) {
    if (seconds == null) {
      return 0;
    }
    try {
      int value = Integer.parseInt(seconds.trim());
      if (value >= 0) {
        return (int) Math.min(Integer.MAX_VALUE, value * 1000L);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new LakebaseConfigException(SOCKET_TIMEOUT,
        "socketTimeout '" + seconds + "' is not a number of seconds (0 = no timeout)");
  }
}
