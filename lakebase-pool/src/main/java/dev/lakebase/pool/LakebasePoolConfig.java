package dev.lakebase.pool;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.pool.internal.LifetimeLimit;
import dev.lakebase.pool.internal.NativeSettings;
import dev.lakebase.pool.internal.PoolSetting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * Immutable pool settings with Lakebase-suited defaults; every default is overridable and its
 * reason is documented on its getter.
 *
 * <p>Build one with {@link #builder()} or from {@link Properties} ({@link
 * #fromProperties(Properties)}: keys {@code pool.<name>} or {@code lakebase.pool.<name>}, plus
 * native {@code hikari.<property>} / {@code vibur.<property>} keys passed to the pool library).
 * Invalid values fail in {@link Builder#build()} with a {@link LakebaseConfigException} naming the
 * key.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code pool.type}</td><td>{@code hikari}</td></tr>
 *   <tr><td>{@code pool.name}</td><td>{@code lakebase}</td></tr>
 *   <tr><td>{@code pool.maximum-pool-size}</td><td>10</td></tr>
 *   <tr><td>{@code pool.minimum-idle}</td><td>0</td></tr>
 *   <tr><td>{@code pool.max-lifetime}</td><td>45m</td></tr>
 *   <tr><td>{@code pool.token-lifetime}</td><td>1h</td></tr>
 *   <tr><td>{@code pool.connection-timeout}</td><td>core {@code connectBudget} + 2s</td></tr>
 *   <tr><td>{@code pool.idle-timeout}</td><td>10m</td></tr>
 *   <tr><td>{@code pool.keepalive-time}</td><td>5m</td></tr>
 *   <tr><td>{@code pool.validation-timeout}</td><td>5s</td></tr>
 *   <tr><td>{@code pool.read-only-routing}</td><td>false</td></tr>
 *   <tr><td>{@code pool.read-only-maximum-pool-size}</td><td>{@code maximum-pool-size}</td></tr>
 * </table>
 */
public final class LakebasePoolConfig {

  /** Default maximum connection lifetime: 45 min, a quarter hour under the 1 h token life. */
  public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofSeconds(2700);
  /** Lifetime of a Lakebase database token. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);
  /**
   * What the default connection timeout adds to the core's {@code connectBudget}: the core gives
   * up within its budget, the margin covers handing the failure (or a connection that made it at
   * the last moment) to the borrower on a loaded machine. A borrow therefore fails no later than
   * {@code connectBudget} + 2 s, and the two settings cannot disagree.
   */
  public static final Duration CONNECTION_TIMEOUT_MARGIN = Duration.ofSeconds(2);


  private final PoolType type;
  private final String poolName;
  private final int maximumPoolSize;
  private final int minimumIdle;
  private final Duration maxLifetime;
  private final Duration tokenLifetime;
  private final Optional<Duration> connectionTimeout;
  private final Duration idleTimeout;
  private final Duration keepaliveTime;
  private final Duration validationTimeout;
  private final boolean readOnlyRouting;
  private final Optional<Integer> readOnlyMaximumPoolSize;
  private final Map<String, String> nativeProperties;
  private final List<PoolListener> listeners;

  private LakebasePoolConfig(Builder b) {
    this.type = b.type;
    this.poolName = b.poolName;
    this.maximumPoolSize = b.maximumPoolSize;
    this.minimumIdle = b.minimumIdle;
    this.maxLifetime = b.maxLifetime;
    this.tokenLifetime = b.tokenLifetime;
    this.connectionTimeout = Optional.ofNullable(b.connectionTimeout);
    this.idleTimeout = b.idleTimeout;
    this.keepaliveTime = b.keepaliveTime;
    this.validationTimeout = b.validationTimeout;
    this.readOnlyRouting = b.readOnlyRouting;
    this.readOnlyMaximumPoolSize = Optional.ofNullable(b.readOnlyMaximumPoolSize);
    this.nativeProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.nativeProperties));
    this.listeners = List.copyOf(b.listeners);
    validate();
  }

  /**
   * A builder holding the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Pool settings from properties: {@code pool.<name>} or {@code lakebase.pool.<name>} keys and
   * native {@code hikari.*} / {@code vibur.*} keys (also under {@code lakebase.}); other keys
   * (the core's) are ignored, so one {@code Properties} can configure both.
   *
   * @param properties the properties
   * @return the configuration
   * @throws LakebaseConfigException naming an unknown {@code pool.*} key or an invalid value
   */
  public static LakebasePoolConfig fromProperties(Properties properties) {
    return builder().properties(properties).build();
  }

  /**
   * Whether a property name belongs to the pool: {@code pool.*}, {@code hikari.*} or {@code
   * vibur.*}, with or without a {@code lakebase.} prefix.
   *
   * @param name the property name
   * @return {@code true} for pool and native pool keys
   */
  static boolean isPoolKey(String name) {
    String key = ConfigKey.stripPrefix(name).toLowerCase(Locale.ROOT);
    return key.startsWith(PoolSetting.PREFIX) || NativeSettings.poolOf(key).isPresent();
  }

  /**
   * A builder holding every setting of this configuration.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.poolName = poolName;
    b.maximumPoolSize = maximumPoolSize;
    b.minimumIdle = minimumIdle;
    b.maxLifetime = maxLifetime;
    b.tokenLifetime = tokenLifetime;
    b.connectionTimeout = connectionTimeout.orElse(null);
    b.idleTimeout = idleTimeout;
    b.keepaliveTime = keepaliveTime;
    b.validationTimeout = validationTimeout;
    b.readOnlyRouting = readOnlyRouting;
    b.readOnlyMaximumPoolSize = readOnlyMaximumPoolSize.orElse(null);
    b.nativeProperties.putAll(nativeProperties);
    b.listeners.addAll(listeners);
    return b;
  }

  /**
   * The pool library ({@code pool.type}).
   *
   * @return {@link PoolType#HIKARI} by default: the most widely used JDBC pool, whose metrics and
   *     {@code spring.datasource.hikari.*} binding Spring Boot supports natively
   */
  public PoolType type() {
    return type;
  }

  /**
   * The pool name ({@code pool.name}), used in thread names, logs, JMX and metric tags.
   *
   * @return {@code lakebase} by default; a read-only pool adds {@code -ro}
   */
  public String poolName() {
    return poolName;
  }

  /**
   * The most connections the pool opens ({@code pool.maximum-pool-size}).
   *
   * @return 10 by default (HikariCP's default): a Lakebase endpoint's {@code max_connections}
   *     grows with its compute size, and every application replica brings its own pool, so keep
   *     {@code maximum-pool-size × replicas} under the endpoint's limit (see the README)
   */
  public int maximumPoolSize() {
    return maximumPoolSize;
  }

  /**
   * Idle connections the pool keeps open ({@code pool.minimum-idle}).
   *
   * @return 0 by default: an idle application then holds no session, so a scale-to-zero endpoint
   *     can suspend; the price is a physical connect (and maybe a cold start) on the first borrow
   *     after a quiet period. Raise it for latency-critical applications on always-on computes.
   *     With Vibur this is the number of connections opened at start (Vibur does not replenish
   *     idle connections).
   */
  public int minimumIdle() {
    return minimumIdle;
  }

  /**
   * The maximum lifetime of a pooled connection ({@code pool.max-lifetime}); older connections
   * are closed instead of being handed out, idle ones in the background. HikariCP enforces it
   * natively; for Vibur this module enforces it.
   *
   * @return 45 min by default, under the 1 h token life, so no session outlives the credential it
   *     logged in with (a revoked identity loses its sessions within the lifetime, and
   *     connections move to a resized or restarted compute); never more than 90 % of {@link
   *     #tokenLifetime()}
   */
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * The lifetime of the tokens the connections log in with ({@code pool.token-lifetime}); only
   * used to validate {@link #maxLifetime()}.
   *
   * @return 1 h by default (Lakebase's); tests with an emulator in compressed time set less
   */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  /**
   * How long {@code getConnection()} waits for a connection ({@code pool.connection-timeout}).
   *
   * @return empty by default, meaning the core's {@code connectBudget} + 2 s ({@link
   *     #CONNECTION_TIMEOUT_MARGIN}): a borrow may have to wait for a physical connect that retries through a cold start (a suspended endpoint
   *     takes a few hundred ms to wake, or refuses logins while it wakes)
   */
  public Optional<Duration> connectionTimeout() {
    return connectionTimeout;
  }

  /** The connection timeout a pool over this core uses: the setting, or the budget + 2 s. */
  Duration connectionTimeout(LakebaseConfig core) {
    return connectionTimeout.orElse(core.connectBudget().plus(CONNECTION_TIMEOUT_MARGIN));
  }

  /**
   * How long a connection above {@link #minimumIdle()} may sit idle before it is closed ({@code
   * pool.idle-timeout}); 0 keeps idle connections until their lifetime ends.
   *
   * @return 10 min by default: long enough to ride out bursts, short enough that a quiet
   *     application releases its sessions and a scale-to-zero endpoint can suspend
   */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * How often HikariCP checks idle connections with a cheap query ({@code pool.keepalive-time});
   * 0 disables it. Not used by Vibur (it has no keepalive; it validates a connection that was idle
   * before handing it out).
   *
   * @return 5 min by default: well under Lakebase's 24 h idle-session limit and typical NAT and
   *     load-balancer idle timeouts, so a dead idle connection is found before a borrower gets it.
   *     HikariCP requires at least 30 s; a value not below {@link #maxLifetime()} is dropped
   *     because every connection is retired before it would be kept alive
   */
  public Duration keepaliveTime() {
    return keepaliveTime;
  }

  /**
   * How long a connection validity check may take ({@code pool.validation-timeout}).
   *
   * @return 5 s by default (HikariCP's): a healthy Lakebase session answers in milliseconds, so a
   *     slower answer means a dead connection, which is then replaced
   */
  public Duration validationTimeout() {
    return validationTimeout;
  }

  /**
   * Whether {@link LakebasePools#createReadOnly} builds a second pool to the endpoint's read-only
   * host ({@code pool.read-only-routing}).
   *
   * @return {@code false} by default
   */
  public boolean readOnlyRouting() {
    return readOnlyRouting;
  }

  /**
   * The size of the read-only pool ({@code pool.read-only-maximum-pool-size}).
   *
   * @return empty by default, meaning {@link #maximumPoolSize()}
   */
  public Optional<Integer> readOnlyMaximumPoolSize() {
    return readOnlyMaximumPoolSize;
  }

  /**
   * Native settings passed to the pool library after this module's defaults: {@code hikari.x}
   * calls {@code HikariConfig.setX}, {@code vibur.x} calls {@code ViburConfig.setX}; keys of the
   * other library are ignored. A native maximum lifetime is held to the same limit as {@link
   * #maxLifetime()}.
   *
   * @return native keys (with their prefix) and values
   */
  public Map<String, String> nativeProperties() {
    return nativeProperties;
  }

  /**
   * Pool-level observers; they also receive the core's events of the pool's physical connects.
   *
   * @return the listeners
   */
  public List<PoolListener> listeners() {
    return listeners;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "LakebasePoolConfig[", "]");
    j.add("type=" + type.name().toLowerCase(Locale.ROOT))
        .add("name=" + poolName)
        .add("maximumPoolSize=" + maximumPoolSize)
        .add("minimumIdle=" + minimumIdle)
        .add("maxLifetime=" + DurationText.format(maxLifetime))
        .add("tokenLifetime=" + DurationText.format(tokenLifetime))
        .add("connectionTimeout="
            + connectionTimeout.map(DurationText::format).orElse("connectBudget+2s"))
        .add("idleTimeout=" + DurationText.format(idleTimeout))
        .add("keepaliveTime=" + DurationText.format(keepaliveTime))
        .add("validationTimeout=" + DurationText.format(validationTimeout))
        .add("readOnlyRouting=" + readOnlyRouting);
    readOnlyMaximumPoolSize.ifPresent(n -> j.add("readOnlyMaximumPoolSize=" + n));
    if (!nativeProperties.isEmpty()) {
      Map<String, String> shown = new LinkedHashMap<>();
      nativeProperties.forEach(
          (k, v) -> shown.put(k, Secrets.shown(k, v)));
      j.add("native=" + shown);
    }
    return j.toString();
  }

  private void validate() {
    require(!poolName.isBlank(), PoolSetting.NAME, "'" + poolName + "' must not be blank");
    require(maximumPoolSize >= 1, PoolSetting.MAXIMUM_POOL_SIZE,
        maximumPoolSize + " must be at least 1");
    require(minimumIdle >= 0, PoolSetting.MINIMUM_IDLE, minimumIdle + " must not be negative");
    require(minimumIdle <= maximumPoolSize, PoolSetting.MINIMUM_IDLE, minimumIdle
        + " is above pool.maximum-pool-size (" + maximumPoolSize + "): lower it or raise the"
        + " maximum");
    requirePositive(tokenLifetime, PoolSetting.TOKEN_LIFETIME);
    LifetimeLimit.check(PoolSetting.MAX_LIFETIME.key(), maxLifetime, tokenLifetime);
    connectionTimeout.ifPresent(t -> requirePositive(t, PoolSetting.CONNECTION_TIMEOUT));
    requireNotNegative(idleTimeout, PoolSetting.IDLE_TIMEOUT);
    requireNotNegative(keepaliveTime, PoolSetting.KEEPALIVE_TIME);
    requirePositive(validationTimeout, PoolSetting.VALIDATION_TIMEOUT);
    readOnlyMaximumPoolSize.ifPresent(n -> require(n >= 1,
        PoolSetting.READ_ONLY_MAXIMUM_POOL_SIZE, n + " must be at least 1"));
    nativeProperties.keySet().forEach(NativeSettings::check);
  }

  private static void requirePositive(Duration d, PoolSetting setting) {
    require(!d.isNegative() && !d.isZero(), setting,
        DurationText.format(d) + " must be longer than zero");
  }

  private static void requireNotNegative(Duration d, PoolSetting setting) {
    require(!d.isNegative(), setting,
        DurationText.format(d) + " must not be negative (0 disables it)");
  }

  private static void require(boolean ok, PoolSetting setting, String problem) {
    if (!ok) {
      throw new LakebaseConfigException(setting.key(), setting.key() + " " + problem);
    }
  }

  /** Builds a {@link LakebasePoolConfig}; starts from the defaults. */
  public static final class Builder {

    private PoolType type = PoolType.HIKARI;
    private String poolName = "lakebase";
    private int maximumPoolSize = 10;
    private int minimumIdle = 0;
    private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private Duration connectionTimeout;
    private Duration idleTimeout = Duration.ofMinutes(10);
    private Duration keepaliveTime = Duration.ofMinutes(5);
    private Duration validationTimeout = Duration.ofSeconds(5);
    private boolean readOnlyRouting;
    private Integer readOnlyMaximumPoolSize;
    private final Map<String, String> nativeProperties = new LinkedHashMap<>();
    private final List<PoolListener> listeners = new ArrayList<>();

    private Builder() {}

    /**
     * The pool library.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(PoolType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * The pool name.
     *
     * @param poolName the name
     * @return this builder
     */
    public Builder poolName(String poolName) {
      this.poolName = Objects.requireNonNull(poolName, "poolName").trim();
      return this;
    }

    /**
     * The most connections the pool opens.
     *
     * @param maximumPoolSize at least 1
     * @return this builder
     */
    public Builder maximumPoolSize(int maximumPoolSize) {
      this.maximumPoolSize = maximumPoolSize;
      return this;
    }

    /**
     * Idle connections the pool keeps open.
     *
     * @param minimumIdle 0 to {@code maximumPoolSize}
     * @return this builder
     */
    public Builder minimumIdle(int minimumIdle) {
      this.minimumIdle = minimumIdle;
      return this;
    }

    /**
     * The maximum lifetime of a pooled connection.
     *
     * @param maxLifetime above zero, at most 90 % of the token lifetime
     * @return this builder
     */
    public Builder maxLifetime(Duration maxLifetime) {
      this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
      return this;
    }

    /**
     * The token lifetime the maximum lifetime is checked against.
     *
     * @param tokenLifetime the token lifetime
     * @return this builder
     */
    public Builder tokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      return this;
    }

    /**
     * How long {@code getConnection()} waits.
     *
     * @param connectionTimeout the timeout, {@code null} for the default (connectBudget + 2 s)
     * @return this builder
     */
    public Builder connectionTimeout(Duration connectionTimeout) {
      this.connectionTimeout = connectionTimeout;
      return this;
    }

    /**
     * How long a surplus connection may sit idle.
     *
     * @param idleTimeout the timeout, 0 to keep idle connections
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * How often HikariCP checks idle connections.
     *
     * @param keepaliveTime the interval, 0 to disable
     * @return this builder
     */
    public Builder keepaliveTime(Duration keepaliveTime) {
      this.keepaliveTime = Objects.requireNonNull(keepaliveTime, "keepaliveTime");
      return this;
    }

    /**
     * How long a validity check may take.
     *
     * @param validationTimeout the timeout
     * @return this builder
     */
    public Builder validationTimeout(Duration validationTimeout) {
      this.validationTimeout = Objects.requireNonNull(validationTimeout, "validationTimeout");
      return this;
    }

    /**
     * Whether to build a read-only pool too (see {@link LakebasePools#createReadOnly}).
     *
     * @param readOnlyRouting whether to route reads to the read-only host
     * @return this builder
     */
    public Builder readOnlyRouting(boolean readOnlyRouting) {
      this.readOnlyRouting = readOnlyRouting;
      return this;
    }

    /**
     * The size of the read-only pool.
     *
     * @param readOnlyMaximumPoolSize the size, {@code null} for {@code maximumPoolSize}
     * @return this builder
     */
    public Builder readOnlyMaximumPoolSize(Integer readOnlyMaximumPoolSize) {
      this.readOnlyMaximumPoolSize = readOnlyMaximumPoolSize;
      return this;
    }

    /**
     * Adds a native setting, e.g. {@code nativeProperty("hikari.leakDetectionThreshold", "5000")}.
     *
     * @param key {@code hikari.<property>} or {@code vibur.<property>}
     * @param value the value as text, {@code null} to remove
     * @return this builder
     */
    public Builder nativeProperty(String key, String value) {
      String k = ConfigKey.stripPrefix(Objects.requireNonNull(key, "key").trim());
      if (NativeSettings.poolOf(k).isEmpty()) {
        throw new LakebaseConfigException(key, "'" + key + "' is not a native pool setting:"
            + " native keys start with hikari. or vibur.");
      }
      if (value == null) {
        nativeProperties.remove(k);
      } else {
        nativeProperties.put(k, value);
      }
      return this;
    }

    /**
     * Adds native settings, as {@link #nativeProperty(String, String)} does.
     *
     * @param properties native keys and values
     * @return this builder
     */
    public Builder nativeProperties(Map<String, String> properties) {
      properties.forEach(this::nativeProperty);
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(PoolListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Sets a setting from text: a pool key ({@code pool.max-lifetime}, {@code max-lifetime},
     * {@code lakebase.pool.maxLifetime}, ...) or a native key ({@code hikari.*}, {@code
     * vibur.*}). Durations as in the core: {@code 500ms}, {@code 10s}, {@code 45m}, {@code 1h},
     * ISO-8601, or a bare number of milliseconds.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     * @throws LakebaseConfigException naming an unknown key or an invalid value
     */
    public Builder property(String key, String value) {
      String k = ConfigKey.stripPrefix(Objects.requireNonNull(key, "key").trim());
      if (NativeSettings.poolOf(k).isPresent()) {
        return nativeProperty(k, value);
      }
      String name = k.regionMatches(true, 0, PoolSetting.PREFIX, 0, PoolSetting.PREFIX.length())
          ? k.substring(PoolSetting.PREFIX.length()) : k;
      PoolSetting setting = PoolSetting.lookup(name).orElseThrow(() -> new LakebaseConfigException(
          key, "'" + key + "' is not a pool setting: use one of " + PoolSetting.allKeys()
              + ", or hikari.* / vibur.* for native settings"));
      String v = Objects.requireNonNull(value, "value").trim();
      switch (setting) {
        case TYPE -> type = PoolType.parse(v);
        case NAME -> poolName = v;
        case MAXIMUM_POOL_SIZE -> maximumPoolSize = integer(setting, v);
        case MINIMUM_IDLE -> minimumIdle = integer(setting, v);
        case MAX_LIFETIME -> maxLifetime = duration(setting, v);
        case TOKEN_LIFETIME -> tokenLifetime = duration(setting, v);
        case CONNECTION_TIMEOUT -> connectionTimeout = duration(setting, v);
        case IDLE_TIMEOUT -> idleTimeout = duration(setting, v);
        case KEEPALIVE_TIME -> keepaliveTime = duration(setting, v);
        case VALIDATION_TIMEOUT -> validationTimeout = duration(setting, v);
        case READ_ONLY_ROUTING -> readOnlyRouting = bool(setting, v);
        case READ_ONLY_MAXIMUM_POOL_SIZE -> readOnlyMaximumPoolSize = integer(setting, v);
        default -> throw new IllegalStateException(setting.name());
      }
      return this;
    }

    /**
     * Sets every property that {@link LakebasePoolConfig#isPoolKey(String)} accepts, as {@link
     * #property(String, String)} does; other keys are ignored.
     *
     * @param properties the properties
     * @return this builder
     */
    public Builder properties(Properties properties) {
      for (String name : properties.stringPropertyNames()) {
        if (isPoolKey(name)) {
          property(name, properties.getProperty(name));
        }
      }
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     * @throws LakebaseConfigException naming the key to fix
     */
    public LakebasePoolConfig build() {
      return new LakebasePoolConfig(this);
    }

    private static int integer(PoolSetting setting, String value) {
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new LakebaseConfigException(setting.key(),
            setting.key() + " '" + value + "' is not a whole number", e);
      }
    }

    private static Duration duration(PoolSetting setting, String value) {
      try {
        return DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new LakebaseConfigException(setting.key(), setting.key() + ": " + e.getMessage(), e);
      }
    }

    private static boolean bool(PoolSetting setting, String value) {
      String lower = value.toLowerCase(Locale.ROOT);
      if (!lower.equals("true") && !lower.equals("false")) {
        throw new LakebaseConfigException(setting.key(),
            setting.key() + " '" + value + "' is not true or false");
      }
      return lower.equals("true");
    }
  }
}
