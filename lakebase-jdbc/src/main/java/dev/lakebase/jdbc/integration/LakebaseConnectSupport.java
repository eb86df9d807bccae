package dev.lakebase.jdbc.integration;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.internal.Connector;
import java.util.Optional;

/**
 * The core's connect path for integration modules that open physical connections with a driver
 * of their own (this SDK's R2DBC module, or yours): the same process-wide credential cache as
 * the JDBC side (one mint serves both in one process), the same host discovery, name resolution
 * (resolver hook, direct DNS fallback, last known good address), failure classification, backoff,
 * re-mint after a rejected login, connect budget, messages and listener events; only the I/O is
 * the integration's.
 *
 * <pre>{@code
 * LakebaseConnectSupport support = LakebaseConnectSupport.create(config);   // keep one per target
 * ConnectAttempts attempts = support.begin();                                // one logical connect
 * attempts.prepare().thenCompose(plan -> connectWithMyDriver(plan))...       // see ConnectAttempts
 * }</pre>
 *
 * <p>Create one per configuration and keep it for the life of the application, as a DataSource;
 * {@link #close()} releases the shared cache's hold and makes connects still retrying fail. Nothing
 * is looked up until the first {@link ConnectAttempts#prepare()}. Like the rest of this package
 * it is public and documented but may change in a minor release while the SDK is below 1.0.
 */
public final class LakebaseConnectSupport implements AutoCloseable {

  private final LakebaseConfig config;
  private final Connector connector;

  private LakebaseConnectSupport(LakebaseConfig config) {
    this.config = config;
    this.connector = new Connector(config);
  }

  /**
   * Creates the support for a configuration; nothing is looked up yet.
   *
   * @param config the configuration
   * @return the support
   */
  public static LakebaseConnectSupport create(LakebaseConfig config) {
    return new LakebaseConnectSupport(config);
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
   * Starts one logical connect; its budget ({@code connectBudget}) starts now.
   *
   * @return the connect's attempts
   */
  public ConnectAttempts begin() {
    return new ConnectAttempts(connector.begin(), config.port(), config.database());
  }

  /**
   * The shared credential cache's status (time to expiry, last mint), empty before the first
   * connect.
   *
   * @return the status
   */
  public CredentialStatus credentialStatus() {
    return connector.credentialStatus();
  }

  /**
   * The endpoint host, once configured or discovered.
   *
   * @return the host
   */
  public Optional<String> knownHost() {
    return connector.knownHost();
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return connector.isClosed();
  }

  /** Releases the shared credential cache; connects still retrying fail at their next step. */
  @Override
  public void close() {
    connector.close();
  }

  @Override
  public String toString() {
    return "LakebaseConnectSupport[" + config.describeTarget() + "]";
  }
}
