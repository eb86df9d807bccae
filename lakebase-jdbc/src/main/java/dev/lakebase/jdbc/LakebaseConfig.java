package dev.lakebase.jdbc;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.internal.ParsedSettings;
import dev.lakebase.jdbc.internal.PhysicalDriverSeam;
import dev.lakebase.jdbc.internal.RawSettings;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Immutable configuration of a Lakebase connection: the {@link LakebaseTarget target}
 * (Autoscaling endpoint, project + branch, Provisioned instance or plain PostgreSQL host), login,
 * TLS, timing, and the pluggable parts (workspace client, credential provider, host resolver,
 * listeners).
 *
 * <p>Build one with {@link #builder()}, from {@link Properties} with {@link
 * #fromProperties(Properties)}, or from the environment (Databricks Apps variables) with {@link
 * #fromEnvironment()}. Every key is a {@link ConfigKey}. Invalid values fail in {@link
 * Builder#build()} with a {@link LakebaseConfigException} naming the key to fix. {@link
 * #toString()} never shows a secret.
 */
public final class LakebaseConfig {

  private static final Driver PGJDBC = new org.postgresql.Driver();

  static {
    // The benchmarks' stub driver reaches the connector through this seam, not the public API.
    PhysicalDriverSeam.install(new PhysicalDriverSeam.Access() {
      @Override
      public Driver physicalDriver(LakebaseConfig config) {
        return config.physicalDriver != null ? config.physicalDriver : PGJDBC;
      }

      @Override
      public void physicalDriver(Builder builder, Driver driver) {
        builder.physicalDriver = driver;
      }
    });
  }

  private final RawSettings raw;
  private final ParsedSettings values;
  private final Optional<WorkspaceClient> workspaceClient;
  private final CredentialProvider explicitCredentialProvider;
  private final Optional<CredentialProvider> credentialProvider;
  private final HostResolver explicitHostResolver;
  private final HostResolver hostResolver;
  private final List<LakebaseListener> listeners;
  private final Driver physicalDriver;

  private LakebaseConfig(Builder b) {
    this.raw = b.settings.copy();
    this.values = ParsedSettings.parse(raw, b.credentialProvider != null);
    this.workspaceClient = Optional.ofNullable(b.workspaceClient);
    this.explicitCredentialProvider = b.credentialProvider;
    this.credentialProvider =
        Optional.ofNullable(b.credentialProvider).or(values::passwordCredentials);
    this.explicitHostResolver = b.hostResolver;
    this.hostResolver = b.hostResolver != null ? b.hostResolver
        : values.namedHostResolver().orElseGet(HostResolver::system);
    this.listeners = List.copyOf(b.listeners);
    this.physicalDriver = b.physicalDriver;
  }

  /**
   * A builder with nothing set.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder starting from environment variables ({@code LAKEBASE_ENDPOINT}, {@code
   * LAKEBASE_PROJECT}, {@code LAKEBASE_BRANCH}, {@code LAKEBASE_INSTANCE}, {@code PGHOST}, {@code
   * PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code PGSSLMODE}, {@code PGSSLROOTCERT}, {@code
   * PGAPPNAME}); explicit builder calls override them. This is the Databricks Apps path.
   *
   * @param environment the variables, e.g. {@code System.getenv()}
   * @return the builder
   */
  public static Builder builder(Map<String, String> environment) {
    Builder b = new Builder();
    b.settings.fromEnvironment(environment);
    return b;
  }

  /**
   * Configuration from the process environment only.
   *
   * @return the configuration
   * @throws LakebaseConfigException if the environment does not describe a valid target
   */
  public static LakebaseConfig fromEnvironment() {
    return builder(System.getenv()).build();
  }

  /**
   * Configuration from properties; keys may carry a {@code lakebase.} prefix, unknown keys are
   * passed to pgjdbc. The environment is not consulted.
   *
   * @param properties the properties
   * @return the configuration
   * @throws LakebaseConfigException if a value is invalid or no target is set
   */
  public static LakebaseConfig fromProperties(Properties properties) {
    return builder().properties(properties).build();
  }

  /**
   * A builder holding every setting of this configuration.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.settings = raw.copy();
    b.workspaceClient = workspaceClient.orElse(null);
    b.credentialProvider = explicitCredentialProvider;
    b.hostResolver = explicitHostResolver;
    b.listeners.addAll(listeners);
    b.physicalDriver = physicalDriver;
    return b;
  }

  /**
   * What this configuration connects to and mints credentials for.
   *
   * @return the target
   */
  public LakebaseTarget target() {
    return values.target();
  }

  /**
   * Explicit host; when empty the host is discovered through the workspace API.
   *
   * @return the host, if set
   */
  public Optional<String> host() {
    return values.host();
  }

  /**
   * Login role; when empty the workspace identity is used.
   *
   * @return the user, if set
   */
  public Optional<String> user() {
    return values.user();
  }

  /**
   * Port.
   *
   * @return the port, 5432 by default
   */
  public int port() {
    return values.port();
  }

  /**
   * Database name.
   *
   * @return the database, {@code databricks_postgres} by default
   */
  public String database() {
    return values.database();
  }

  /**
   * TLS mode.
   *
   * @return the mode, {@link SslMode#REQUIRE} by default
   */
  public SslMode sslMode() {
    return values.sslMode();
  }

  /**
   * CA file for verify-ca/verify-full.
   *
   * @return the path, if set
   */
  public Optional<String> sslRootCert() {
    return values.sslRootCert();
  }

  /**
   * Application name reported to the server.
   *
   * @return the name, if set
   */
  public Optional<String> applicationName() {
    return values.applicationName();
  }

  /**
   * Whether to connect to the target's read-only host.
   *
   * @return {@code false} by default
   */
  public boolean readOnly() {
    return values.readOnly();
  }

  /**
   * Time for one physical attempt (TCP + TLS + login).
   *
   * @return 10 s by default
   */
  public Duration connectTimeout() {
    return values.connectTimeout();
  }

  /**
   * Total time of one {@code getConnection()}: retries, credential wait and discovery.
   *
   * @return 30 s by default
   */
  public Duration connectBudget() {
    return values.connectBudget();
  }

  /**
   * How long before expiry a credential is refreshed in the background (capped at half the
   * token's life).
   *
   * @return 15 min by default
   */
  public Duration refreshAhead() {
    return values.refreshAhead();
  }

  /**
   * Least remaining life of a token handed to a connect (capped at a tenth of the token's life).
   *
   * @return 2 min by default
   */
  public Duration minTokenValidity() {
    return values.minTokenValidity();
  }

  /**
   * When credentials are refreshed: by a background thread ahead of expiry, or lazily by the
   * connect that finds the credential inside {@link #refreshAhead()}.
   *
   * @return {@link RefreshStrategy#BACKGROUND} by default
   */
  public RefreshStrategy refreshStrategy() {
    return values.refreshStrategy();
  }

  /**
   * The credential lifetime requested from the workspace API ({@code ttl}); refresh timing
   * follows the lifetime the API grants.
   *
   * @return the lifetime, empty for the API's default (1 h)
   */
  public Optional<Duration> tokenTtl() {
    return values.tokenTtl();
  }

  /**
   * The permission set requested in the credential's claims.
   *
   * @return {@code READ_ONLY}, or empty for the identity's own permissions
   */
  public Optional<String> tokenPermissionSet() {
    return values.tokenPermissionSet();
  }

  /**
   * The tables the requested permission set is limited to.
   *
   * @return the table names, empty for no limit
   */
  public List<String> tokenTables() {
    return values.tokenTables();
  }

  /**
   * First retry delay.
   *
   * @return 25 ms by default
   */
  public Duration initialBackoff() {
    return values.initialBackoff();
  }

  /**
   * Largest retry delay.
   *
   * @return 2 s by default
   */
  public Duration maxBackoff() {
    return values.maxBackoff();
  }

  /**
   * Properties passed unchanged to the physical driver.
   *
   * @return the pass-through properties
   */
  public Map<String, String> driverProperties() {
    return values.driverProperties();
  }

  /**
   * How the library builds its workspace client when {@link #workspaceClient()} is empty:
   * Databricks unified auth with the {@code databricks*} settings on top.
   *
   * @return the settings, {@link WorkspaceAuth#DEFAULT} when none is set
   */
  public WorkspaceAuth workspaceAuth() {
    return values.workspaceAuth();
  }

  /**
   * The supplied workspace client; when empty one is built with Databricks unified auth.
   *
   * @return the client, if supplied
   */
  public Optional<WorkspaceClient> workspaceClient() {
    return workspaceClient;
  }

  /**
   * The credential provider: the supplied one, or a static one when {@code password} is set;
   * when empty, credentials are minted for the target through the workspace API.
   *
   * @return the provider, if any
   */
  public Optional<CredentialProvider> credentialProvider() {
    return credentialProvider;
  }

  /**
   * The host resolver.
   *
   * @return the supplied resolver or {@link HostResolver#system()}
   */
  public HostResolver hostResolver() {
    return hostResolver;
  }

  /**
   * Listeners receiving mint and connect events.
   *
   * @return the listeners
   */
  public List<LakebaseListener> listeners() {
    return listeners;
  }

  /**
   * Describes the target for messages and events.
   *
   * @return e.g. {@code Autoscaling endpoint projects/p/branches/b/endpoints/e}
   */
  public String describeTarget() {
    LakebaseTarget target = values.target();
    String described = target instanceof LakebaseTarget.Host h
        ? target.describe() + ":" + values.port() : target.describe();
    return values.readOnly() ? described + " (read-only)" : described;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "LakebaseConfig[", "]");
    j.add("target=" + describeTarget());
    values.host().ifPresent(h -> j.add("host=" + h));
    j.add("port=" + values.port()).add("database=" + values.database());
    values.user().ifPresent(u -> j.add("user=" + u));
    if (raw.has(ConfigKey.PASSWORD)) {
      j.add("password=" + Secrets.REDACTED);
    }
    j.add("sslmode=" + values.sslMode().pgValue());
    values.sslRootCert().ifPresent(c -> j.add("sslrootcert=" + c));
    values.applicationName().ifPresent(a -> j.add("applicationName=" + a));
    j.add("readOnly=" + values.readOnly())
        .add("connectTimeout=" + DurationText.format(values.connectTimeout()))
        .add("connectBudget=" + DurationText.format(values.connectBudget()))
        .add("refreshAhead=" + DurationText.format(values.refreshAhead()))
        .add("minTokenValidity=" + DurationText.format(values.minTokenValidity()))
        .add("refreshStrategy=" + values.refreshStrategy().value());
    values.tokenTtl().ifPresent(t -> j.add("tokenTtl=" + DurationText.format(t)));
    values.tokenPermissionSet().ifPresent(ps -> j.add("tokenPermissionSet=" + ps));
    if (!values.tokenTables().isEmpty()) {
      j.add("tokenTables=" + String.join(",", values.tokenTables()));
    }
    j
        .add("initialBackoff=" + DurationText.format(values.initialBackoff()))
        .add("maxBackoff=" + DurationText.format(values.maxBackoff()));
    if (!values.workspaceAuth().equals(WorkspaceAuth.DEFAULT)) {
      j.add("workspaceAuth=" + values.workspaceAuth());
    }
    workspaceClient.ifPresent(w -> j.add("workspaceClient=supplied"));
    if (explicitCredentialProvider != null) {
      j.add("credentialProvider=" + explicitCredentialProvider.description());
    }
    if (!values.driverProperties().isEmpty()) {
      Map<String, String> shown = new LinkedHashMap<>();
      values.driverProperties().forEach((k, v) -> shown.put(k, Secrets.shown(k, v)));
      j.add("driverProperties=" + shown);
    }
    return j.toString();
  }

  /** Builds a {@link LakebaseConfig}; setters with a {@code null} value clear the setting. */
  public static final class Builder {

    private RawSettings settings = new RawSettings();
    private final List<LakebaseListener> listeners = new ArrayList<>();
    private WorkspaceClient workspaceClient;
    private CredentialProvider credentialProvider;
    private HostResolver hostResolver;
    private Driver physicalDriver;

    private Builder() {}

    /**
     * Sets the target, replacing any endpoint, project, branch or instance set before (for a
     * {@link LakebaseTarget.Host}, sets {@code host}).
     *
     * @param target the target, {@code null} to clear every target key
     * @return this builder
     */
    public Builder target(LakebaseTarget target) {
      for (ConfigKey k : new ConfigKey[] {ConfigKey.ENDPOINT, ConfigKey.PROJECT, ConfigKey.BRANCH,
          ConfigKey.INSTANCE}) {
        settings.set(k, null);
      }
      if (target instanceof LakebaseTarget.Endpoint e) {
        endpoint(e.path());
      } else if (target instanceof LakebaseTarget.Branch br) {
        project(br.project()).branch(br.branch());
      } else if (target instanceof LakebaseTarget.Instance i) {
        instance(i.name());
      } else if (target instanceof LakebaseTarget.Host h) {
        host(h.host());
      }
      return this;
    }

    /**
     * Autoscaling endpoint path {@code projects/{p}/branches/{b}/endpoints/{e}}.
     *
     * @param endpoint the path
     * @return this builder
     */
    public Builder endpoint(String endpoint) {
      return set(ConfigKey.ENDPOINT, endpoint);
    }

    /**
     * Autoscaling project; with {@link #branch(String)} the READ_WRITE endpoint is discovered.
     *
     * @param project the project id
     * @return this builder
     */
    public Builder project(String project) {
      return set(ConfigKey.PROJECT, project);
    }

    /**
     * Autoscaling branch (with {@link #project(String)}).
     *
     * @param branch the branch id
     * @return this builder
     */
    public Builder branch(String branch) {
      return set(ConfigKey.BRANCH, branch);
    }

    /**
     * Provisioned instance name.
     *
     * @param instance the instance name
     * @return this builder
     */
    public Builder instance(String instance) {
      return set(ConfigKey.INSTANCE, instance);
    }

    /**
     * Explicit host; skips discovery.
     *
     * @param host the host name
     * @return this builder
     */
    public Builder host(String host) {
      return set(ConfigKey.HOST, host);
    }

    /**
     * Port.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      return set(ConfigKey.PORT, Integer.toString(port));
    }

    /**
     * Database name.
     *
     * @param database the database
     * @return this builder
     */
    public Builder database(String database) {
      return set(ConfigKey.DATABASE, database);
    }

    /**
     * Login role; must be the identity tokens are minted for.
     *
     * @param user the role name
     * @return this builder
     */
    public Builder user(String user) {
      return set(ConfigKey.USER, user);
    }

    /**
     * Static password (plain PostgreSQL or a native PostgreSQL role): disables minting.
     *
     * @param password the password
     * @return this builder
     */
    public Builder password(String password) {
      return set(ConfigKey.PASSWORD, password);
    }

    /**
     * TLS mode.
     *
     * @param sslMode the mode
     * @return this builder
     */
    public Builder sslMode(SslMode sslMode) {
      return set(ConfigKey.SSLMODE, sslMode == null ? null : sslMode.pgValue());
    }

    /**
     * CA file for verify-ca/verify-full.
     *
     * @param path the PEM file
     * @return this builder
     */
    public Builder sslRootCert(String path) {
      return set(ConfigKey.SSLROOTCERT, path);
    }

    /**
     * Application name reported to the server.
     *
     * @param applicationName the name
     * @return this builder
     */
    public Builder applicationName(String applicationName) {
      return set(ConfigKey.APPLICATION_NAME, applicationName);
    }

    /**
     * Connect to the target's read-only host.
     *
     * @param readOnly whether to use the read-only host
     * @return this builder
     */
    public Builder readOnly(boolean readOnly) {
      return set(ConfigKey.READ_ONLY, Boolean.toString(readOnly));
    }

    /**
     * Time for one physical attempt.
     *
     * @param timeout the time
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      return setDuration(ConfigKey.CONNECT_TIMEOUT, timeout);
    }

    /**
     * Total time of one {@code getConnection()}.
     *
     * @param budget the time
     * @return this builder
     */
    public Builder connectBudget(Duration budget) {
      return setDuration(ConfigKey.CONNECT_BUDGET, budget);
    }

    /**
     * How long before expiry credentials are refreshed.
     *
     * @param refreshAhead the time
     * @return this builder
     */
    public Builder refreshAhead(Duration refreshAhead) {
      return setDuration(ConfigKey.REFRESH_AHEAD, refreshAhead);
    }

    /**
     * Least remaining life of a token handed to a connect.
     *
     * @param minTokenValidity the time
     * @return this builder
     */
    public Builder minTokenValidity(Duration minTokenValidity) {
      return setDuration(ConfigKey.MIN_TOKEN_VALIDITY, minTokenValidity);
    }

    /**
     * When credentials are refreshed ({@link RefreshStrategy#BACKGROUND} by default).
     *
     * @param refreshStrategy the strategy
     * @return this builder
     */
    public Builder refreshStrategy(RefreshStrategy refreshStrategy) {
      return set(ConfigKey.REFRESH_STRATEGY,
          refreshStrategy == null ? null : refreshStrategy.value());
    }

    /**
     * The credential lifetime to request ({@code ttl}, 5 min to 1 h, Autoscaling endpoints
     * only): shorter-lived credentials limit what a leaked one can do.
     *
     * @param tokenTtl the lifetime
     * @return this builder
     */
    public Builder tokenTtl(Duration tokenTtl) {
      return setDuration(ConfigKey.TOKEN_TTL, tokenTtl);
    }

    /**
     * Requests READ_ONLY credentials: their sessions cannot write. Use it for a DataSource that
     * only reads (reports, the read-only host).
     *
     * @param tables the tables the claim is limited to; none for every table
     * @return this builder
     */
    public Builder readOnlyTokens(String... tables) {
      set(ConfigKey.TOKEN_PERMISSION_SET, "READ_ONLY");
      return set(ConfigKey.TOKEN_TABLES, tables.length == 0 ? null : String.join(",", tables));
    }

    /**
     * First retry delay.
     *
     * @param initialBackoff the delay
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      return setDuration(ConfigKey.INITIAL_BACKOFF, initialBackoff);
    }

    /**
     * Largest retry delay (default 2 s). Retries of an endpoint that reports it is waking are
     * capped at 200 ms, or at this value when it is smaller.
     *
     * @param maxBackoff the delay
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      return setDuration(ConfigKey.MAX_BACKOFF, maxBackoff);
    }

    /**
     * Workspace URL for an SDK client built by the library.
     *
     * @param databricksHost the workspace URL
     * @return this builder
     */
    public Builder databricksHost(String databricksHost) {
      return set(ConfigKey.DATABRICKS_HOST, databricksHost);
    }

    /**
     * Databricks config profile for an SDK client built by the library.
     *
     * @param databricksProfile the profile name
     * @return this builder
     */
    public Builder databricksProfile(String databricksProfile) {
      return set(ConfigKey.DATABRICKS_PROFILE, databricksProfile);
    }

    /**
     * A workspace personal access token for an SDK client built by the library. Prefer a profile
     * or OAuth in production; tools and tests use it.
     *
     * @param token the token
     * @return this builder
     */
    public Builder databricksToken(String token) {
      return set(ConfigKey.DATABRICKS_TOKEN, token);
    }

    /**
     * OAuth M2M credentials (a service principal) for an SDK client built by the library.
     *
     * @param clientId the service principal's application id
     * @param clientSecret its OAuth secret
     * @return this builder
     */
    public Builder databricksOAuth(String clientId, String clientSecret) {
      set(ConfigKey.DATABRICKS_CLIENT_ID, clientId);
      return set(ConfigKey.DATABRICKS_CLIENT_SECRET, clientSecret);
    }

    /**
     * Forces one Databricks unified-auth method for an SDK client built by the library.
     *
     * @param authType e.g. {@code pat}, {@code oauth-m2m}, {@code databricks-cli}
     * @return this builder
     */
    public Builder databricksAuthType(String authType) {
      return set(ConfigKey.DATABRICKS_AUTH_TYPE, authType);
    }

    /**
     * The workspace client used for minting, discovery and identity lookup.
     *
     * @param workspaceClient the client
     * @return this builder
     */
    public Builder workspaceClient(WorkspaceClient workspaceClient) {
      this.workspaceClient = workspaceClient;
      return this;
    }

    /**
     * A custom credential provider (overrides {@code password} and the target's minting).
     *
     * @param credentialProvider the provider
     * @return this builder
     */
    public Builder credentialProvider(CredentialProvider credentialProvider) {
      this.credentialProvider = credentialProvider;
      return this;
    }

    /**
     * The host resolver used for physical connects.
     *
     * @param hostResolver the resolver
     * @return this builder
     */
    public Builder hostResolver(HostResolver hostResolver) {
      this.hostResolver = hostResolver;
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(LakebaseListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets any key: a configuration key (with or without the {@code lakebase.} prefix) or a
     * property passed through to the physical driver.
     *
     * @param key the key
     * @param value the value, {@code null} to clear
     * @return this builder
     */
    public Builder property(String key, String value) {
      settings.property(key, value);
      return this;
    }

    /**
     * Sets every string property, as {@link #property(String, String)} does.
     *
     * @param properties the properties
     * @return this builder
     */
    public Builder properties(Properties properties) {
      for (String name : properties.stringPropertyNames()) {
        property(name, properties.getProperty(name));
      }
      return this;
    }

    /**
     * Sets every entry, as {@link #property(String, String)} does.
     *
     * @param properties the entries
     * @return this builder
     */
    public Builder properties(Map<String, String> properties) {
      properties.forEach(this::property);
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     * @throws LakebaseConfigException naming the key to fix
     */
    public LakebaseConfig build() {
      return new LakebaseConfig(this);
    }

    private Builder set(ConfigKey key, String value) {
      settings.set(key, value);
      return this;
    }

    private Builder setDuration(ConfigKey key, Duration value) {
      return set(key, value == null ? null : value.toString());
    }
  }
}
