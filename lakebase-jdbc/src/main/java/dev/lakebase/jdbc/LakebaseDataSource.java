package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.Connector;
import dev.lakebase.jdbc.spi.CredentialException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for Lakebase: every {@link #getConnection()} opens a new physical
 * connection whose password is a currently valid, endpoint-scoped token from the shared
 * credential cache, retrying DNS failures, refused connections and waking endpoints within the
 * connect budget.
 *
 * <p>It does not pool: put a pool (HikariCP, see {@code lakebase-pool}) in front of it. Create
 * one per target and keep it for the life of the application; {@link #close()} releases the
 * shared credential cache.
 */
public final class LakebaseDataSource implements DataSource, AutoCloseable {

  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(LakebaseDataSource.class);

  private final LakebaseConfig config;
  private final Connector connector;
  private volatile PrintWriter logWriter;
  private volatile boolean closed;

  /**
   * Creates a DataSource. Nothing is looked up until the first connect, so an application can
   * start while the workspace or the endpoint is unavailable.
   *
   * @param config the configuration
   */
  public LakebaseDataSource(LakebaseConfig config) {
    this.config = config;
    this.connector = new Connector(config);
  }

  /**
   * A DataSource configured from the environment (Databricks Apps variables and {@code
   * LAKEBASE_*}).
   *
   * @return the DataSource
   * @throws LakebaseConfigException if the environment does not describe a valid target
   */
  public static LakebaseDataSource fromEnvironment() {
    return new LakebaseDataSource(LakebaseConfig.fromEnvironment());
  }

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LakebaseConfig config() {
    return config;
  }

  /**
   * Opens a physical connection with a fresh token, retrying transient failures within {@code
   * connectBudget}.
   *
   * @return the connection
   * @throws SQLException with a message saying what to fix; {@link
   *     java.sql.SQLTransientConnectionException} when the budget ran out
   */
  @Override
  public Connection getConnection() throws SQLException {
    if (closed) {
      throw new SQLNonTransientConnectionException(this + " is closed", "08003");
    }
    return connector.connect();
  }

  /**
   * Not supported: tokens are minted per connect for the configured identity.
   *
   * @param username ignored
   * @param password ignored
   * @return never
   * @throws SQLFeatureNotSupportedException always
   */
  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "LakebaseDataSource mints a fresh token per physical connect for the configured"
            + " identity: set user (and password only for plain PostgreSQL) in LakebaseConfig"
            + " and call getConnection()");
  }

  /**
   * The shared credential cache's status, for health checks and metrics; never the token.
   *
   * @return the status
   */
  public CredentialStatus credentialStatus() {
    return connector.credentialStatus();
  }

  /**
   * Makes sure the shared credential cache holds a credential good for a login, minting one
   * (single-flight, within {@code connectBudget}) when it does not, without connecting. Pools use
   * it to fail a borrow at once when no credential can be had (a user's revoked workspace token)
   * instead of waiting for their connection timeout; applications may use it to warm up.
   *
   * @return the credential's status (never the token)
   * @throws SQLException when no credential could be obtained: {@link
   *     java.sql.SQLTransientConnectionException} when retrying may help, else {@link
   *     SQLNonTransientConnectionException}; the message says what to fix
   */
  public CredentialStatus ensureCredential() throws SQLException {
    if (closed) {
      throw new SQLNonTransientConnectionException(this + " is closed", "08003");
    }
    try {
      connector.credential();
    } catch (CredentialException e) {
      String message = "Could not obtain a credential for " + config.describeTarget() + ": "
          + e.getMessage();
      throw e.isTransient() ? new java.sql.SQLTransientConnectionException(message, "08001", e)
          : new SQLNonTransientConnectionException(message, "08001", e);
    }
    return connector.credentialStatus();
  }

  /**
   * The host physical connections go to: the explicit {@code host}, or the one discovered through
   * the workspace API once the first connect has looked it up. For health checks and logs.
   *
   * @return the host, empty before discovery
   */
  public Optional<String> host() {
    return connector.knownHost();
  }

  /** Releases the shared credential cache; its background refresh stops when unused. */
  @Override
  public void close() {
    closed = true;
    connector.close();
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  /**
   * Ignored: {@code connectBudget} bounds every connect (pools call this with their own timeout).
   *
   * @param seconds ignored
   */
  @Override
  public void setLoginTimeout(int seconds) {
    log.debug("Ignoring setLoginTimeout({}): connectBudget ({}) bounds each connect", seconds,
        config.connectBudget());
  }

  /**
   * The connect budget in whole seconds (at least 1).
   *
   * @return the budget
   */
  @Override
  public int getLoginTimeout() {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.connectBudget().toSeconds()));
  }

  @Override
  public Logger getParentLogger() {
    return Logger.getLogger("dev.lakebase.jdbc");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException(getClass().getName() + " does not wrap " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    String user = config.user().orElse(credentialStatus().identity().orElse("<workspace identity>"));
    return "LakebaseDataSource[" + config.describeTarget() + ", user=" + user + ", host="
        + host().orElse("<not discovered yet>") + "]";
  }
}
