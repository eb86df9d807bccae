package dev.lakebase.jdbc;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.internal.ConfigKey;
import dev.lakebase.jdbc.internal.Durations;
import dev.lakebase.jdbc.internal.Redactor;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.sql.Driver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * Immutable configuration of a Lakebase connection: the target (Autoscaling endpoint, project +
 * branch, Provisioned instance or explicit host), login, TLS, timing, and the pluggable parts
 * (workspace client, credential provider, host resolver, listeners).
 *
 * <p>Build one with {@link #builder()}, from {@link Properties} with {@link
 * #fromProperties(Properties)}, or from the environment (Databricks Apps variables) with {@link
 * #fromEnvironment()}. Invalid values fail in {@link Builder#build()} with a {@link
 * LakebaseConfigException} naming the key to fix. {@link #toString()} never shows a secret.
 */
public final class LakebaseConfig {

  private static final String SEGMENT = "[a-z0-9][a-z0-9-]*";
  private static final Pattern ENDPOINT_PATH =
      Pattern.compile("projects/" + SEGMENT + "/branches/" + SEGMENT + "/endpoints/" + SEGMENT);
  private static final Pattern SEGMENT_PATTERN = Pattern.compile(SEGMENT);
  private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(pass|secret|token).*");
  private static final Driver PGJDBC = new org.postgresql.Driver();

  private final Map<ConfigKey, Setting> settings;
  private final Optional<String> endpoint;
  private final Optional<String> project;
  private final Optional<String> branch;
  private final Optional<String> instance;
  private final Optional<String> host;
  private final Optional<String> user;
  private final int port;
  private final String database;
  private final SslMode sslMode;
  private final Optional<String> sslRootCert;
  private final Optional<String> applicationName;
  private final boolean readOnly;
  private final Duration connectTimeout;
  private final Duration connectBudget;
  private final Duration refreshAhead;
  private final Duration minTokenValidity;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Optional<String> databricksHost;
  private final Optional<String> databricksProfile;
  private final Map<String, String> driverProperties;
  private final Optional<WorkspaceClient> workspaceClient;
  private final CredentialProvider explicitCredentialProvider;
  private final Optional<CredentialProvider> credentialProvider;
  private final HostResolver explicitHostResolver;
  private final HostResolver hostResolver;
  private final List<LakebaseListener> listeners;
  private final Driver explicitPhysicalDriver;

  private LakebaseConfig(Builder b) {
    this.settings = Collections.unmodifiableMap(new EnumMap<>(b.settings));
    this.endpoint = b.text(ConfigKey.ENDPOINT);
    this.project = b.text(ConfigKey.PROJECT);
    this.branch = b.text(ConfigKey.BRANCH);
    this.instance = b.text(ConfigKey.INSTANCE);
    this.host = b.text(ConfigKey.HOST);
    this.user = b.text(ConfigKey.USER);
    this.port = b.port();
    this.database = b.text(ConfigKey.DATABASE).orElse(ConfigKey.DATABASE.defaultValue());
    this.sslMode = b.sslMode();
    this.sslRootCert = b.text(ConfigKey.SSLROOTCERT);
    this.applicationName = b.text(ConfigKey.APPLICATION_NAME);
    this.readOnly = b.bool(ConfigKey.READ_ONLY);
    this.connectTimeout = b.positiveDuration(ConfigKey.CONNECT_TIMEOUT);
    this.connectBudget = b.positiveDuration(ConfigKey.CONNECT_BUDGET);
    this.refreshAhead = b.duration(ConfigKey.REFRESH_AHEAD);
    this.minTokenValidity = b.duration(ConfigKey.MIN_TOKEN_VALIDITY);
    this.initialBackoff = b.positiveDuration(ConfigKey.INITIAL_BACKOFF);
    this.maxBackoff = b.duration(ConfigKey.MAX_BACKOFF);
    this.databricksHost = b.text(ConfigKey.DATABRICKS_HOST);
    this.databricksProfile = b.text(ConfigKey.DATABRICKS_PROFILE);
    this.driverProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.driverProperties));
    this.workspaceClient = Optional.ofNullable(b.workspaceClient);
    this.explicitCredentialProvider = b.credentialProvider;
    Optional<String> password = b.text(ConfigKey.PASSWORD);
    this.credentialProvider =
        Optional.ofNullable(b.credentialProvider)
            .or(() -> password.map(CredentialProviders::staticPassword));
    this.explicitHostResolver = b.hostResolver;
    this.hostResolver = b.hostResolver != null ? b.hostResolver : b.namedHostResolver();
    this.listeners = List.copyOf(b.listeners);
    this.explicitPhysicalDriver = b.physicalDriver;
    validate();
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
    for (ConfigKey key : ConfigKey.values()) {
      String value = key.envVar() == null ? null : environment.get(key.envVar());
      if (value != null && !value.isBlank()) {
        b.settings.put(key, new Setting(value.trim(), key.envVar()));
      }
    }
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
    b.settings.putAll(settings);
    b.driverProperties.putAll(driverProperties);
    b.workspaceClient = workspaceClient.orElse(null);
    b.credentialProvider = explicitCredentialProvider;
    b.hostResolver = explicitHostResolver;
    b.listeners.addAll(listeners);
    b.physicalDriver = explicitPhysicalDriver;
    return b;
  }

  /**
   * Autoscaling endpoint path.
   *
   * @return {@code projects/{p}/branches/{b}/endpoints/{e}}, if set
   */
  public Optional<String> endpoint() {
    return endpoint;
  }

  /**
   * Autoscaling project (used with {@link #branch()}).
   *
   * @return the project id, if set
   */
  public Optional<String> project() {
    return project;
  }

  /**
   * Autoscaling branch (used with {@link #project()}).
   *
   * @return the branch id, if set
   */
  public Optional<String> branch() {
    return branch;
  }

  /**
   * Provisioned instance name.
   *
   * @return the instance name, if set
   */
  public Optional<String> instance() {
    return instance;
  }

  /**
   * Explicit host; when empty the host is discovered through the workspace API.
   *
   * @return the host, if set
   */
  public Optional<String> host() {
    return host;
  }

  /**
   * Login role; when empty the workspace identity is used.
   *
   * @return the user, if set
   */
  public Optional<String> user() {
    return user;
  }

  /**
   * Port.
   *
   * @return the port, 5432 by default
   */
  public int port() {
    return port;
  }

  /**
   * Database name.
   *
   * @return the database, {@code databricks_postgres} by default
   */
  public String database() {
    return database;
  }

  /**
   * TLS mode.
   *
   * @return the mode, {@link SslMode#REQUIRE} by default
   */
  public SslMode sslMode() {
    return sslMode;
  }

  /**
   * CA file for verify-ca/verify-full.
   *
   * @return the path, if set
   */
  public Optional<String> sslRootCert() {
    return sslRootCert;
  }

  /**
   * Application name reported to the server.
   *
   * @return the name, if set
   */
  public Optional<String> applicationName() {
    return applicationName;
  }

  /**
   * Whether to connect to the target's read-only host.
   *
   * @return {@code false} by default
   */
  public boolean readOnly() {
    return readOnly;
  }

  /**
   * Time for one physical attempt (TCP + TLS + login).
   *
   * @return 10 s by default
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Total time of one {@code getConnection()}: retries, credential wait and discovery.
   *
   * @return 30 s by default
   */
  public Duration connectBudget() {
    return connectBudget;
  }

  /**
   * How long before expiry a credential is refreshed in the background (capped at half the
   * token's life).
   *
   * @return 15 min by default
   */
  public Duration refreshAhead() {
    return refreshAhead;
  }

  /**
   * Least remaining life of a token handed to a connect (capped at a tenth of the token's life).
   *
   * @return 2 min by default
   */
  public Duration minTokenValidity() {
    return minTokenValidity;
  }

  /**
   * First retry delay.
   *
   * @return 25 ms by default
   */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /**
   * Largest retry delay.
   *
   * @return 2 s by default
   */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /**
   * Properties passed unchanged to the physical driver.
   *
   * @return the pass-through properties
   */
  public Map<String, String> driverProperties() {
    return driverProperties;
  }

  /**
   * Workspace URL for an SDK client built by the library.
   *
   * @return the host, if set
   */
  public Optional<String> databricksHost() {
    return databricksHost;
  }

  /**
   * Databricks config profile for an SDK client built by the library.
   *
   * @return the profile, if set
   */
  public Optional<String> databricksProfile() {
    return databricksProfile;
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
   * The driver opening physical connections.
   *
   * @return the supplied driver or {@code org.postgresql.Driver}
   */
  public Driver physicalDriver() {
    return explicitPhysicalDriver != null ? explicitPhysicalDriver : PGJDBC;
  }

  /**
   * Describes the target for messages and events.
   *
   * @return e.g. {@code Autoscaling endpoint projects/p/branches/b/endpoints/e}
   */
  public String describeTarget() {
    String described;
    if (endpoint.isPresent()) {
      described = "Autoscaling endpoint " + endpoint.get();
    } else if (project.isPresent()) {
      described = "Autoscaling branch projects/" + project.get() + "/branches/" + branch.get();
    } else if (instance.isPresent()) {
      described = "Provisioned instance " + instance.get();
    } else {
      described = "PostgreSQL host " + host.orElse("?") + ":" + port;
    }
    return readOnly ? described + " (read-only)" : described;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "LakebaseConfig[", "]");
    j.add("target=" + describeTarget());
    host.ifPresent(h -> j.add("host=" + h));
    j.add("port=" + port).add("database=" + database);
    user.ifPresent(u -> j.add("user=" + u));
    if (settings.containsKey(ConfigKey.PASSWORD)) {
      j.add("password=" + Redactor.REDACTED);
    }
    j.add("sslmode=" + sslMode.pgValue());
    sslRootCert.ifPresent(c -> j.add("sslrootcert=" + c));
    applicationName.ifPresent(a -> j.add("applicationName=" + a));
    j.add("readOnly=" + readOnly)
        .add("connectTimeout=" + Durations.format(connectTimeout))
        .add("connectBudget=" + Durations.format(connectBudget))
        .add("refreshAhead=" + Durations.format(refreshAhead))
        .add("minTokenValidity=" + Durations.format(minTokenValidity))
        .add("initialBackoff=" + Durations.format(initialBackoff))
        .add("maxBackoff=" + Durations.format(maxBackoff));
    databricksHost.ifPresent(h -> j.add("databricksHost=" + h));
    databricksProfile.ifPresent(p -> j.add("databricksProfile=" + p));
    workspaceClient.ifPresent(w -> j.add("workspaceClient=supplied"));
    if (explicitCredentialProvider != null) {
      j.add("credentialProvider=" + explicitCredentialProvider.description());
    }
    if (!driverProperties.isEmpty()) {
      Map<String, String> shown = new LinkedHashMap<>();
      driverProperties.forEach(
          (k, v) -> shown.put(k, SECRET_KEY.matcher(k).matches() ? Redactor.REDACTED : v));
      j.add("driverProperties=" + shown);
    }
    return j.toString();
  }

  private void validate() {
    ConfigKey[] targets = {ConfigKey.ENDPOINT, ConfigKey.PROJECT, ConfigKey.INSTANCE};
    List<ConfigKey> set = new ArrayList<>();
    for (ConfigKey k : targets) {
      if (settings.containsKey(k)) {
        set.add(k);
      }
    }
    if (project.isPresent() != branch.isPresent()) {
      ConfigKey missing = project.isPresent() ? ConfigKey.BRANCH : ConfigKey.PROJECT;
      ConfigKey present = project.isPresent() ? ConfigKey.PROJECT : ConfigKey.BRANCH;
      throw new LakebaseConfigException(
          missing.key(),
          present.display() + " is set but " + missing.display() + " is missing: set both"
              + " project and branch to discover the branch's READ_WRITE endpoint");
    }
    if (set.size() > 1) {
      throw new LakebaseConfigException(
          set.get(0).key(),
          "Conflicting Lakebase targets: " + describeSetting(set.get(0)) + " and "
              + describeSetting(set.get(1)) + " are both set; set only one of endpoint,"
              + " project+branch, instance");
    }
    boolean ownCredentials = credentialProvider.isPresent();
    if (set.isEmpty() && (host.isEmpty() || !ownCredentials)) {
      if (host.isPresent()) {
        throw new LakebaseConfigException(
            ConfigKey.ENDPOINT.key(),
            "host " + host.get() + " is set without a Lakebase target: set endpoint"
                + " (LAKEBASE_ENDPOINT) or instance (LAKEBASE_INSTANCE) so credentials can be"
                + " minted, or set password for plain PostgreSQL");
      }
      throw new LakebaseConfigException(
          ConfigKey.ENDPOINT.key(),
          "No Lakebase target: set one of endpoint (LAKEBASE_ENDPOINT), project+branch, instance,"
              + " or host+password");
    }
    if (readOnly && set.isEmpty()) {
      throw new LakebaseConfigException(
          ConfigKey.READ_ONLY.key(),
          "readOnly=true needs a Lakebase target (endpoint, project+branch or instance) whose"
              + " read-only host can be discovered; host " + host.orElse("") + " alone has none:"
              + " set the target, or set host to the read-only host and readOnly=false");
    }
    if (settings.containsKey(ConfigKey.PASSWORD) && user.isEmpty()) {
      throw new LakebaseConfigException(
          ConfigKey.USER.key(),
          "password is set but user (PGUSER) is not: set the role the password belongs to");
    }
    if (sslMode == SslMode.DISABLE && !ownCredentials) {
      throw new LakebaseConfigException(
          ConfigKey.SSLMODE.key(),
          "sslmode=disable is not allowed for " + describeTarget() + ": Lakebase requires TLS."
              + " Use require (default), verify-ca or verify-full; disable only works with a"
              + " static password (plain PostgreSQL)");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new LakebaseConfigException(
          ConfigKey.MAX_BACKOFF.key(),
          "maxBackoff (" + Durations.format(maxBackoff) + ") is shorter than initialBackoff ("
              + Durations.format(initialBackoff) + "): raise maxBackoff");
    }
  }

  private String describeSetting(ConfigKey key) {
    Setting s = settings.get(key);
    String name = key == ConfigKey.PROJECT ? "project+branch" : key.key();
    String from = s.envVar() == null ? "" : " from " + s.envVar();
    return name + " (" + s.value() + from + ")";
  }

  /** A raw value and the environment variable it came from ({@code null} when set directly). */
  private record Setting(String value, String envVar) {}

  /** Builds a {@link LakebaseConfig}; setters with a {@code null} value clear the setting. */
  public static final class Builder {

    private final Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
    private final Map<String, String> driverProperties = new LinkedHashMap<>();
    private final List<LakebaseListener> listeners = new ArrayList<>();
    private WorkspaceClient workspaceClient;
    private CredentialProvider credentialProvider;
    private HostResolver hostResolver;
    private Driver physicalDriver;

    private Builder() {}

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
     * The driver opening physical connections (default {@code org.postgresql.Driver}).
     *
     * @param driver the driver
     * @return this builder
     */
    public Builder physicalDriver(Driver driver) {
      this.physicalDriver = driver;
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
      Optional<ConfigKey> known = ConfigKey.lookup(key);
      if (known.isPresent()) {
        return set(known.get(), value);
      }
      String passThrough = ConfigKey.stripPrefix(key);
      if (value == null) {
        driverProperties.remove(passThrough);
      } else {
        driverProperties.put(passThrough, value);
      }
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
      if (value == null || value.isBlank()) {
        settings.remove(key);
      } else {
        settings.put(key, new Setting(value.trim(), null));
      }
      return this;
    }

    private Builder setDuration(ConfigKey key, Duration value) {
      return set(key, value == null ? null : value.toString());
    }

    private Optional<String> text(ConfigKey key) {
      Setting s = settings.get(key);
      if (s == null) {
        return Optional.empty();
      }
      String value = s.value();
      switch (key) {
        case ENDPOINT -> require(key, s, ENDPOINT_PATH.matcher(value).matches(),
            "is malformed: expected projects/{project}/branches/{branch}/endpoints/{endpoint}"
                + " (lower-case letters, digits and '-')");
        case PROJECT, BRANCH -> require(key, s, SEGMENT_PATTERN.matcher(value).matches(),
            "is malformed: expected an id of lower-case letters, digits and '-'");
        case INSTANCE -> require(key, s, INSTANCE_NAME.matcher(value).matches(),
            "is malformed: expected an instance name of letters, digits and '-'");
        default -> { }
      }
      return Optional.of(value);
    }

    private int port() {
      Setting s = settings.get(ConfigKey.PORT);
      if (s == null) {
        return Integer.parseInt(ConfigKey.PORT.defaultValue());
      }
      int port = -1;
      try {
        port = Integer.parseInt(s.value());
      } catch (NumberFormatException e) {
        // reported below
      }
      require(ConfigKey.PORT, s, port > 0 && port < 65536, "is not a port number (1-65535)");
      return port;
    }

    private SslMode sslMode() {
      Setting s = settings.get(ConfigKey.SSLMODE);
      if (s == null) {
        return SslMode.REQUIRE;
      }
      try {
        return SslMode.parse(s.value());
      } catch (LakebaseConfigException e) {
        throw new LakebaseConfigException(e.key(), e.getMessage() + from(s));
      }
    }

    private boolean bool(ConfigKey key) {
      Setting s = settings.get(key);
      String value = s == null ? key.defaultValue() : s.value().toLowerCase(Locale.ROOT);
      require(key, s, value.equals("true") || value.equals("false"), "is not true or false");
      return value.equals("true");
    }

    private Duration duration(ConfigKey key) {
      Setting s = settings.get(key);
      if (s == null) {
        return Durations.parse(key.defaultValue());
      }
      try {
        Duration d = Durations.parse(s.value());
        require(key, s, !d.isNegative(), "must not be negative");
        return d;
      } catch (IllegalArgumentException e) {
        if (e instanceof LakebaseConfigException lce) {
          throw lce;
        }
        throw new LakebaseConfigException(key.key(), key.key() + ": " + e.getMessage() + from(s));
      }
    }

    private Duration positiveDuration(ConfigKey key) {
      Duration d = duration(key);
      require(key, settings.get(key), !d.isZero(), "must be longer than zero");
      return d;
    }

    private HostResolver namedHostResolver() {
      Optional<String> className = text(ConfigKey.HOST_RESOLVER);
      if (className.isEmpty()) {
        return HostResolver.system();
      }
      try {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type =
            Class.forName(className.get(), true,
                loader != null ? loader : LakebaseConfig.class.getClassLoader());
        return type.asSubclass(HostResolver.class).getConstructor().newInstance();
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        throw new LakebaseConfigException(
            ConfigKey.HOST_RESOLVER.key(),
            "hostResolver '" + className.get() + "' could not be instantiated (" + e
                + "): it must name a public class implementing"
                + " dev.lakebase.jdbc.spi.HostResolver with a public no-argument constructor",
            e);
      }
    }

    private static void require(ConfigKey key, Setting s, boolean ok, String problem) {
      if (!ok) {
        throw new LakebaseConfigException(
            key.key(), key.key() + " '" + s.value() + "' " + problem + from(s));
      }
    }

    private static String from(Setting s) {
      return s == null || s.envVar() == null ? "" : " (from environment variable " + s.envVar()
          + ")";
    }
  }
}
