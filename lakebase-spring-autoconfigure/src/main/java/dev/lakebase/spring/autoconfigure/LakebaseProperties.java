package dev.lakebase.spring.autoconfigure;

import dev.lakebase.jdbc.RefreshStrategy;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.WorkspaceAuth;
import dev.lakebase.pool.PoolType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the Lakebase auto-configuration ({@code lakebase.*}): every setting of the core
 * ({@code lakebase-jdbc}) and of the pools ({@code lakebase-pool}).
 *
 * <p>Connection settings left unset fall back to the Databricks Apps environment variables
 * ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGSSLMODE}, {@code
 * PGSSLROOTCERT}, {@code PGAPPNAME}; {@code LAKEBASE_ENDPOINT} binds to {@code lakebase.endpoint}
 * directly), then to the core's defaults. The descriptions below become the IDE help of the
 * properties (spring-configuration-metadata.json).
 *
 * @param enabled Whether to auto-configure the Lakebase DataSource, its health indicator and its
 *     metrics.
 * @param endpoint Autoscaling endpoint path
 *     projects/{project}/branches/{branch}/endpoints/{endpoint}. Environment variable:
 *     LAKEBASE_ENDPOINT.
 * @param project Autoscaling project id. With branch, the branch's READ_WRITE endpoint is
 *     discovered.
 * @param branch Autoscaling branch id, used with project.
 * @param instance Lakebase Provisioned database instance name.
 * @param host Explicit host name, which skips host discovery. Without endpoint, project or
 *     instance it needs password (plain PostgreSQL). Default: PGHOST, else discovered through the
 *     workspace API.
 * @param port Port. Default: PGPORT, else 5432.
 * @param database Database name. Default: PGDATABASE, else databricks_postgres.
 * @param user Login role; must be the identity tokens are minted for. Default: PGUSER, else the
 *     workspace identity (user e-mail or service principal application id).
 * @param password Static password for plain PostgreSQL. Disables token minting. Never logged.
 * @param sslmode TLS mode: require, verify-ca or verify-full (disable only with a static
 *     password). Default: PGSSLMODE, else require.
 * @param sslRootCert CA certificate file for verify-ca and verify-full. Default: PGSSLROOTCERT.
 * @param applicationName Application name reported to the server. Default: PGAPPNAME.
 * @param connectTimeout Time for one physical connect attempt: TCP, TLS and login.
 * @param connectBudget Total time of one physical connect: retries of DNS failures, refused
 *     connections and waking endpoints, the wait for a credential, and host discovery.
 * @param refreshAhead How long before expiry a credential is refreshed in the background (capped
 *     at half the token's life).
 * @param minTokenValidity Least remaining life of a token used for a login (capped at a tenth of
 *     the token's life).
 * @param refreshStrategy When credentials are refreshed: background (a daemon thread, ahead of
 *     expiry) or lazy (the connect that finds the credential within refresh-ahead, single-flight;
 *     for platforms that throttle the CPU between requests).
 * @param tokenTtl Credential lifetime to request from the workspace API (ttl), 5m to 1h,
 *     Autoscaling endpoints only. Default: the API's (1h).
 * @param tokenPermissionSet READ_ONLY to request read-only credentials (claims). Default: the
 *     identity's own permissions.
 * @param tokenTables Tables the READ_ONLY claim is limited to. Needs token-permission-set.
 * @param initialBackoff First retry delay of a connect, doubled per retry, with jitter.
 * @param maxBackoff Largest retry delay of a connect.
 * @param driverProperties Properties passed unchanged to the PostgreSQL JDBC driver, such as
 *     prepareThreshold or socketTimeout.
 * @param databricks Databricks workspace client.
 * @param pool Connection pool.
 * @param readOnly Optional read-only DataSource.
 * @param health Health indicator.
 * @param userPools Per-user (on-behalf-of-user) pools for Databricks Apps with user authorization.
 */
@ConfigurationProperties("lakebase")
public record LakebaseProperties(
    @DefaultValue("true") boolean enabled,
    String endpoint,
    String project,
    String branch,
    String instance,
    String host,
    Integer port,
    String database,
    String user,
    String password,
    SslMode sslmode,
    String sslRootCert,
    String applicationName,
    @DefaultValue("10s") Duration connectTimeout,
    @DefaultValue("30s") Duration connectBudget,
    @DefaultValue("15m") Duration refreshAhead,
    @DefaultValue("2m") Duration minTokenValidity,
    @DefaultValue("background") RefreshStrategy refreshStrategy,
    Duration tokenTtl,
    String tokenPermissionSet,
    List<String> tokenTables,
    @DefaultValue("25ms") Duration initialBackoff,
    @DefaultValue("2s") Duration maxBackoff,
    Map<String, String> driverProperties,
    @DefaultValue Databricks databricks,
    @DefaultValue Pool pool,
    @DefaultValue ReadOnly readOnly,
    @DefaultValue Health health,
    @DefaultValue UserPools userPools) {

  /**
   * Replaces absent maps by empty ones. (JDK 17's javadoc wants every component named again on a
   * documented compact constructor.)
   *
   * @param enabled see {@link #enabled()}
   * @param endpoint see {@link #endpoint()}
   * @param project see {@link #project()}
   * @param branch see {@link #branch()}
   * @param instance see {@link #instance()}
   * @param host see {@link #host()}
   * @param port see {@link #port()}
   * @param database see {@link #database()}
   * @param user see {@link #user()}
   * @param password see {@link #password()}
   * @param sslmode see {@link #sslmode()}
   * @param sslRootCert see {@link #sslRootCert()}
   * @param applicationName see {@link #applicationName()}
   * @param connectTimeout see {@link #connectTimeout()}
   * @param connectBudget see {@link #connectBudget()}
   * @param refreshAhead see {@link #refreshAhead()}
   * @param minTokenValidity see {@link #minTokenValidity()}
   * @param refreshStrategy see {@link #refreshStrategy()}
   * @param tokenTtl see {@link #tokenTtl()}
   * @param tokenPermissionSet see {@link #tokenPermissionSet()}
   * @param tokenTables see {@link #tokenTables()}
   * @param initialBackoff see {@link #initialBackoff()}
   * @param maxBackoff see {@link #maxBackoff()}
   * @param driverProperties see {@link #driverProperties()}
   * @param databricks see {@link #databricks()}
   * @param pool see {@link #pool()}
   * @param readOnly see {@link #readOnly()}
   * @param health see {@link #health()}
   * @param userPools see {@link #userPools()}
   */
  public LakebaseProperties {
    driverProperties = driverProperties == null ? Map.of() : Map.copyOf(driverProperties);
    tokenTables = tokenTables == null ? List.of() : List.copyOf(tokenTables);
  }

  @Override
  public String toString() {
    // The record's default toString would print the password.
    return "LakebaseProperties[endpoint=" + endpoint + ", project=" + project + ", branch="
        + branch + ", instance=" + instance + ", host=" + host + ", user=" + user
        + (password == null ? "" : ", password=<redacted>") + "]";
  }

  /**
   * The Databricks workspace client that mints credentials and discovers hosts.
   *
   * @param enabled Whether to define a WorkspaceClient bean from Databricks unified auth
   *     (environment variables, config profile, Databricks Apps service principal) when the
   *     application defines none.
   * @param host Workspace URL. Default: Databricks unified auth (DATABRICKS_HOST or the
   *     profile's host).
   * @param profile Profile of the Databricks config file (~/.databrickscfg). Default: unified
   *     auth (DATABRICKS_CONFIG_PROFILE, else DEFAULT).
   * @param token Workspace personal access token. Default: unified auth (DATABRICKS_TOKEN or the
   *     profile). Never logged.
   * @param clientId OAuth M2M client id (a service principal's application id). Default:
   *     unified auth (DATABRICKS_CLIENT_ID).
   * @param clientSecret OAuth M2M client secret. Default: unified auth (DATABRICKS_CLIENT_SECRET).
   *     Never logged.
   * @param authType Forces one unified-auth method, such as pat, oauth-m2m or databricks-cli.
   */
  public record Databricks(@DefaultValue("true") boolean enabled, String host, String profile,
      String token, String clientId, String clientSecret, String authType) {

    /**
     * These settings as the core's workspace-auth overrides.
     *
     * @return the overrides
     */
    public WorkspaceAuth workspaceAuth() {
      return new WorkspaceAuth(Optional.ofNullable(host), Optional.ofNullable(profile),
          Optional.ofNullable(token), Optional.ofNullable(clientId),
          Optional.ofNullable(clientSecret), Optional.ofNullable(authType));
    }

    @Override
    public String toString() {
      // The record's default toString would print the token and the client secret.
      return "Databricks[enabled=" + enabled + ", " + workspaceAuth() + "]";
    }
  }

  /**
   * The connection pool in front of the Lakebase DataSource.
   *
   * @param type Pool implementation. HikariCP also honours spring.datasource.hikari.*, applied
   *     after these settings.
   * @param name Pool name, used in thread names, JMX and metric tags.
   * @param maximumPoolSize Largest number of connections, idle and in use.
   * @param minimumIdle Idle connections kept open. 0 lets a scale-to-zero endpoint suspend while
   *     the application is idle, at the price of a cold connect afterwards.
   * @param maxLifetime Longest life of a pooled connection. At most 90% of token-lifetime, so
   *     every connection is replaced well within the life of the token it logged in with.
   * @param tokenLifetime Lifetime of Lakebase tokens. Only used to validate max-lifetime.
   * @param connectionTimeout Longest wait for a connection from the pool. Default:
   *     connect-budget + 2s, so a borrow can wait out a cold start.
   * @param idleTimeout Idle time after which a connection above minimum-idle is closed.
   * @param keepaliveTime Interval of keepalive checks of idle connections.
   * @param validationTimeout Longest time a connection validity check may take.
   * @param vibur Native Vibur DBCP settings (ViburConfig property names), applied after these
   *     settings when type is vibur.
   */
  public record Pool(
      @DefaultValue("hikari") PoolType type,
      @DefaultValue("lakebase") String name,
      @DefaultValue("10") int maximumPoolSize,
      @DefaultValue("0") int minimumIdle,
      @DefaultValue("2700s") Duration maxLifetime,
      @DefaultValue("1h") Duration tokenLifetime,
      Duration connectionTimeout,
      @DefaultValue("10m") Duration idleTimeout,
      @DefaultValue("5m") Duration keepaliveTime,
      @DefaultValue("5s") Duration validationTimeout,
      Map<String, String> vibur) {

    /**
     * Replaces an absent map by an empty one.
     *
     * @param type see {@link #type()}
     * @param name see {@link #name()}
     * @param maximumPoolSize see {@link #maximumPoolSize()}
     * @param minimumIdle see {@link #minimumIdle()}
     * @param maxLifetime see {@link #maxLifetime()}
     * @param tokenLifetime see {@link #tokenLifetime()}
     * @param connectionTimeout see {@link #connectionTimeout()}
     * @param idleTimeout see {@link #idleTimeout()}
     * @param keepaliveTime see {@link #keepaliveTime()}
     * @param validationTimeout see {@link #validationTimeout()}
     * @param vibur see {@link #vibur()}
     */
    public Pool {
      vibur = vibur == null ? Map.of() : Map.copyOf(vibur);
    }
  }

  /**
   * A second DataSource on the target's read-only host, with the same credential scope.
   *
   * @param enabled Whether to define the read-only DataSource bean lakebaseReadOnlyDataSource,
   *     injected with @Qualifier("lakebaseReadOnlyDataSource").
   * @param maximumPoolSize Largest size of the read-only pool. Default:
   *     lakebase.pool.maximum-pool-size.
   */
  public record ReadOnly(@DefaultValue("false") boolean enabled, Integer maximumPoolSize) {}

  /**
   * The lakebase health indicator (Spring Boot Actuator).
   *
   * @param timeout Longest time a health check waits for a pooled connection. Past it the
   *     indicator reports DOWN while the check finishes in the background.
   * @param validateConnection Whether a health check borrows and validates a connection even
   *     when the pool has no open connection. Off by default: such a check would open one, which
   *     keeps a scale-to-zero endpoint awake when probed every few seconds; the check then
   *     reports the credential and pool state and the last connect failure instead.
   */
  public record Health(@DefaultValue("5s") Duration timeout,
      @DefaultValue("false") boolean validateConnection) {}

  /**
   * Per-user pools: connections as the signed-in user of the current request, from the user's
   * workspace token in the request header Databricks Apps forward with user authorization.
   *
   * @param enabled Whether to define the per-user beans lakebaseUserPools,
   *     lakebaseUserJdbcClient, lakebaseUserJdbcTemplate and lakebaseUserTransactionManager
   *     (inject them with @Qualifier).
   * @param tokenHeader Request header carrying the user's workspace token.
   * @param maxUsers Most user pools open at once; the least recently used idle one makes room.
   * @param maxPoolSizePerUser Largest pool of one user.
   * @param idleTimeout Time without a borrow after which a user's pool is closed.
   */
  public record UserPools(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("X-Forwarded-Access-Token") String tokenHeader,
      @DefaultValue("20") int maxUsers,
      @DefaultValue("3") int maxPoolSizePerUser,
      @DefaultValue("10m") Duration idleTimeout) {}
}
