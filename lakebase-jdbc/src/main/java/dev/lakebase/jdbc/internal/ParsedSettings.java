package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.RefreshStrategy;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.WorkspaceAuth;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.HostResolver;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The typed, validated values of a configuration's text settings. {@link #parse} is the one place
 * where text becomes values: each key is parsed with a message naming it (and its environment
 * variable), then the cross-field rules ({@link ConfigRules}) run.
 *
 * @param target the one target
 * @param host the explicit host, if set (with a Lakebase target it skips discovery)
 * @param port the port
 * @param database the database
 * @param user the login role, if set
 * @param passwordCredentials a static provider for {@code password}, if set
 * @param sslMode the TLS mode
 * @param sslRootCert the CA file, if set
 * @param applicationName the application name, if set
 * @param readOnly whether to use the read-only host
 * @param connectTimeout time of one attempt
 * @param connectBudget time of one {@code getConnection()}
 * @param refreshAhead refresh lead
 * @param minTokenValidity least life of a token handed out
 * @param refreshStrategy background or lazy refresh
 * @param tokenTtl the credential lifetime to request, if set
 * @param tokenPermissionSet the permission set to request ({@code READ_ONLY}), if set
 * @param tokenTables the tables the permission set is limited to
 * @param initialBackoff first retry delay
 * @param maxBackoff largest retry delay
 * @param workspaceAuth how the library builds its workspace client
 * @param namedHostResolver the resolver named by {@code hostResolver}, if set
 * @param driverProperties pgjdbc pass-through properties
 */
public record ParsedSettings(
    LakebaseTarget target,
    Optional<String> host,
    int port,
    String database,
    Optional<String> user,
    Optional<CredentialProvider> passwordCredentials,
    SslMode sslMode,
    Optional<String> sslRootCert,
    Optional<String> applicationName,
    boolean readOnly,
    Duration connectTimeout,
    Duration connectBudget,
    Duration refreshAhead,
    Duration minTokenValidity,
    RefreshStrategy refreshStrategy,
    Optional<Duration> tokenTtl,
    Optional<String> tokenPermissionSet,
    List<String> tokenTables,
    Duration initialBackoff,
    Duration maxBackoff,
    WorkspaceAuth workspaceAuth,
    Optional<HostResolver> namedHostResolver,
    Map<String, String> driverProperties) {

  /**
   * Parses and validates settings.
   *
   * @param raw the text settings
   * @param explicitCredentials whether the builder was given a credential provider (which makes
   *     a bare host a valid target and allows {@code sslmode=disable})
   * @return the values
   * @throws LakebaseConfigException naming the key to fix
   */
  public static ParsedSettings parse(RawSettings raw, boolean explicitCredentials) {
    // Every key is parsed (in the documented order) before the cross-field rules run, so a
    // malformed value is reported as such rather than as a conflict.
    SettingParser p = new SettingParser(raw);
    Optional<String> host = p.text(ConfigKey.HOST);
    Optional<String> user = p.text(ConfigKey.USER);
    int port = p.port();
    String database = p.text(ConfigKey.DATABASE).orElse(ConfigKey.DATABASE.defaultValue());
    SslMode sslMode = p.sslMode();
    Optional<String> sslRootCert = p.text(ConfigKey.SSLROOTCERT);
    Optional<String> applicationName = p.text(ConfigKey.APPLICATION_NAME);
    boolean readOnly = p.bool(ConfigKey.READ_ONLY);
    Duration connectTimeout = p.positiveDuration(ConfigKey.CONNECT_TIMEOUT);
    Duration connectBudget = p.positiveDuration(ConfigKey.CONNECT_BUDGET);
    Duration refreshAhead = p.duration(ConfigKey.REFRESH_AHEAD);
    Duration minTokenValidity = p.duration(ConfigKey.MIN_TOKEN_VALIDITY);
    RefreshStrategy refreshStrategy = p.refreshStrategy();
    Optional<Duration> tokenTtl = p.tokenTtl();
    Optional<String> tokenPermissionSet = p.permissionSet();
    List<String> tokenTables = p.list(ConfigKey.TOKEN_TABLES);
    Duration initialBackoff = p.positiveDuration(ConfigKey.INITIAL_BACKOFF);
    Duration maxBackoff = p.duration(ConfigKey.MAX_BACKOFF);
    WorkspaceAuth workspaceAuth = new WorkspaceAuth(p.text(ConfigKey.DATABRICKS_HOST),
        p.text(ConfigKey.DATABRICKS_PROFILE), p.text(ConfigKey.DATABRICKS_TOKEN),
        p.text(ConfigKey.DATABRICKS_CLIENT_ID), p.text(ConfigKey.DATABRICKS_CLIENT_SECRET),
        p.text(ConfigKey.DATABRICKS_AUTH_TYPE));
    Optional<String> password = p.text(ConfigKey.PASSWORD);
    Optional<HostResolver> namedHostResolver = p.hostResolver();

    boolean ownCredentials = explicitCredentials || password.isPresent();
    LakebaseTarget target = ConfigRules.target(raw, p, host, ownCredentials);
    ConfigRules.check(target, readOnly, host, user, password.isPresent(), sslMode,
        ownCredentials, initialBackoff, maxBackoff);
    ConfigRules.checkTokenRequest(target, tokenTtl, tokenPermissionSet, tokenTables);
    return new ParsedSettings(target, host, port, database, user,
        password.map(StaticCredentialProvider::new), sslMode, sslRootCert, applicationName,
        readOnly, connectTimeout, connectBudget, refreshAhead, minTokenValidity, refreshStrategy,
        tokenTtl, tokenPermissionSet, tokenTables, initialBackoff,
        maxBackoff, workspaceAuth, namedHostResolver,
        Collections.unmodifiableMap(new LinkedHashMap<>(raw.driverProperties())));
  }

  /** Deliberately minimal: the record holds a password provider and pass-through properties. */
  @Override
  public String toString() {
    return "ParsedSettings[" + target.describe() + "]";
  }
}
