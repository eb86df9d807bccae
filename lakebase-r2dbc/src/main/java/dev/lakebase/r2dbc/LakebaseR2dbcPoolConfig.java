package dev.lakebase.r2dbc;

import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.DurationText;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable r2dbc-pool settings with Lakebase defaults, the reactive counterpart of {@code
 * lakebase-pool}'s {@code LakebasePoolConfig}; every default can be overridden. See {@link
 * LakebaseConnectionPools} for what else is set on the pool.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>setting</th><th>default</th><th>why</th></tr>
 *   <tr><td>{@code maxSize}</td><td>10</td><td>r2dbc-pool's and HikariCP's default</td></tr>
 *   <tr><td>{@code initialSize} / {@code minIdle}</td><td>0 / 0</td><td>the application boots
 *       while the endpoint is suspended, and an idle one holds no session so it can suspend</td></tr>
 *   <tr><td>{@code maxLifeTime}</td><td>45 min</td><td>under the 1 h token life: no session
 *       outlives its credential by much, connections move to a resized or restarted compute;
 *       must be at most 90 % of {@code tokenLifetime}</td></tr>
 *   <tr><td>{@code maxIdleTime}</td><td>10 min</td><td>far under Lakebase's 24 h idle-session
 *       limit and common NAT idle timeouts; a quiet application releases its sessions</td></tr>
 *   <tr><td>{@code maxAcquireTime}</td><td>{@code connectBudget} + 2 s</td><td>an acquire may
 *       wait for a connect that retries through a cold start; the margin is {@code
 *       lakebase-pool}'s, and the deadline costs a timer only when an acquire has to wait</td></tr>
 *   <tr><td>{@code maxCreateConnectionTime}</td><td>{@code connectBudget} + 1 s</td><td>a safety
 *       net: the factory itself gives up at {@code connectBudget} with the core's message</td></tr>
 *   <tr><td>{@code maxValidationTime}</td><td>5 s</td><td>with a validation query: a healthy
 *       session answers in milliseconds (the default local check needs no timeout)</td></tr>
 *   <tr><td>{@code backgroundEvictionInterval}</td><td>30 s</td><td>idle connections past
 *       their lifetime or idle time are closed without waiting for an acquire</td></tr>
 * </table>
 */
public final class LakebaseR2dbcPoolConfig {

  /** The token life the lifetime is checked against by default. */
  public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

  /** What the default {@code maxAcquireTime} adds to {@code connectBudget}. */
  static final Duration ACQUIRE_MARGIN = Duration.ofSeconds(2);

  private final String name;
  private final int maxSize;
  private final int initialSize;
  private final int minIdle;
  private final Duration maxLifeTime;
  private final Duration tokenLifetime;
  private final Duration maxIdleTime;
  private final Duration maxAcquireTime;
  private final Duration maxCreateConnectionTime;
  private final Duration maxValidationTime;
  private final Duration backgroundEvictionInterval;
  private final String validationQuery;

  private LakebaseR2dbcPoolConfig(Builder b) {
    this.name = b.name;
    this.maxSize = b.maxSize;
    this.initialSize = b.initialSize;
    this.minIdle = b.minIdle;
    this.maxLifeTime = b.maxLifeTime;
    this.tokenLifetime = b.tokenLifetime;
    this.maxIdleTime = b.maxIdleTime;
    this.maxAcquireTime = b.maxAcquireTime;
    this.maxCreateConnectionTime = b.maxCreateConnectionTime;
    this.maxValidationTime = b.maxValidationTime;
    this.backgroundEvictionInterval = b.backgroundEvictionInterval;
    this.validationQuery = b.validationQuery;
  }

  /**
   * A builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The defaults.
   *
   * @return the default settings
   */
  public static LakebaseR2dbcPoolConfig defaults() {
    return builder().build();
  }

  /**
   * Pool name (r2dbc-pool's, used in metrics).
   *
   * @return {@code lakebase} by default
   */
  public String name() {
    return name;
  }

  /**
   * Largest number of connections.
   *
   * @return 10 by default
   */
  public int maxSize() {
    return maxSize;
  }

  /**
   * Connections opened when the pool starts.
   *
   * @return 0 by default
   */
  public int initialSize() {
    return initialSize;
  }

  /**
   * Idle connections kept.
   *
   * @return 0 by default
   */
  public int minIdle() {
    return minIdle;
  }

  /**
   * Largest age of a connection.
   *
   * @return 45 min by default
   */
  public Duration maxLifeTime() {
    return maxLifeTime;
  }

  /**
   * The token life {@link #maxLifeTime()} is checked against.
   *
   * @return 1 h by default
   */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  /**
   * Idle time after which a connection is closed.
   *
   * @return 10 min by default
   */
  public Duration maxIdleTime() {
    return maxIdleTime;
  }

  /**
   * How long an acquire may wait.
   *
   * @return the set value; empty means {@code connectBudget} + 2 s
   */
  public Optional<Duration> maxAcquireTime() {
    return Optional.ofNullable(maxAcquireTime);
  }

  /**
   * How long creating a connection may take before the pool gives up on it.
   *
   * @return the set value; empty means {@code connectBudget} + 1 s
   */
  public Optional<Duration> maxCreateConnectionTime() {
    return Optional.ofNullable(maxCreateConnectionTime);
  }

  /**
   * How long validating a connection may take.
   *
   * @return 5 s by default
   */
  public Duration maxValidationTime() {
    return maxValidationTime;
  }

  /**
   * How often idle connections are checked for eviction.
   *
   * @return 30 s by default
   */
  public Duration backgroundEvictionInterval() {
    return backgroundEvictionInterval;
  }

  /**
   * A query run to validate a connection on acquire instead of the local liveness check.
   *
   * @return the query, empty by default
   */
  public Optional<String> validationQuery() {
    return Optional.ofNullable(validationQuery);
  }

  @Override
  public String toString() {
    return "LakebaseR2dbcPoolConfig[name=" + name + ", maxSize=" + maxSize + ", initialSize="
        + initialSize + ", minIdle=" + minIdle + ", maxLifeTime="
        + DurationText.format(maxLifeTime) + ", maxIdleTime=" + DurationText.format(maxIdleTime)
        + "]";
  }

  /** Builds a {@link LakebaseR2dbcPoolConfig}. */
  public static final class Builder {

    private String name = "lakebase";
    private int maxSize = 10;
    private int initialSize = 0;
    private int minIdle = 0;
    private Duration maxLifeTime = Duration.ofMinutes(45);
    private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;
    private Duration maxIdleTime = Duration.ofMinutes(10);
    private Duration maxAcquireTime;
    private Duration maxCreateConnectionTime;
    private Duration maxValidationTime = Duration.ofSeconds(5);
    private Duration backgroundEvictionInterval = Duration.ofSeconds(30);
    private String validationQuery;

    private Builder() {}

    /**
     * Pool name.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = Objects.requireNonNull(name, "name");
      return this;
    }

    /**
     * Largest number of connections.
     *
     * @param maxSize at least 1
     * @return this builder
     */
    public Builder maxSize(int maxSize) {
      this.maxSize = maxSize;
      return this;
    }

    /**
     * Connections opened when the pool starts (0 lets the application boot while the endpoint
     * is suspended).
     *
     * @param initialSize at least 0
     * @return this builder
     */
    public Builder initialSize(int initialSize) {
      this.initialSize = initialSize;
      return this;
    }

    /**
     * Idle connections kept (0 lets a scale-to-zero endpoint suspend).
     *
     * @param minIdle at least 0
     * @return this builder
     */
    public Builder minIdle(int minIdle) {
      this.minIdle = minIdle;
      return this;
    }

    /**
     * Largest age of a connection; at most 90 % of {@link #tokenLifetime(Duration)}.
     *
     * @param maxLifeTime the age
     * @return this builder
     */
    public Builder maxLifeTime(Duration maxLifeTime) {
      this.maxLifeTime = Objects.requireNonNull(maxLifeTime, "maxLifeTime");
      return this;
    }

    /**
     * The token life the lifetime is checked against (tests in compressed time lower it).
     *
     * @param tokenLifetime the token life
     * @return this builder
     */
    public Builder tokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
      return this;
    }

    /**
     * Idle time after which a connection is closed.
     *
     * @param maxIdleTime positive
     * @return this builder
     */
    public Builder maxIdleTime(Duration maxIdleTime) {
      this.maxIdleTime = Objects.requireNonNull(maxIdleTime, "maxIdleTime");
      return this;
    }

    /**
     * How long an acquire may wait.
     *
     * @param maxAcquireTime positive, or {@code null} for {@code connectBudget} + 2 s
     * @return this builder
     */
    public Builder maxAcquireTime(Duration maxAcquireTime) {
      this.maxAcquireTime = maxAcquireTime;
      return this;
    }

    /**
     * How long creating a connection may take before the pool gives up on it.
     *
     * @param maxCreateConnectionTime positive, or {@code null} for {@code connectBudget} + 1 s
     * @return this builder
     */
    public Builder maxCreateConnectionTime(Duration maxCreateConnectionTime) {
      this.maxCreateConnectionTime = maxCreateConnectionTime;
      return this;
    }

    /**
     * How long validating a connection may take.
     *
     * @param maxValidationTime positive
     * @return this builder
     */
    public Builder maxValidationTime(Duration maxValidationTime) {
      this.maxValidationTime = Objects.requireNonNull(maxValidationTime, "maxValidationTime");
      return this;
    }

    /**
     * How often idle connections are checked for eviction.
     *
     * @param interval positive
     * @return this builder
     */
    public Builder backgroundEvictionInterval(Duration interval) {
      this.backgroundEvictionInterval = Objects.requireNonNull(interval, "interval");
      return this;
    }

    /**
     * A validation query run on acquire (a round trip per acquire; by default the pool checks
     * only that the connection is open).
     *
     * @param validationQuery the query, {@code null} for none
     * @return this builder
     */
    public Builder validationQuery(String validationQuery) {
      this.validationQuery = validationQuery;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @return the settings
     * @throws LakebaseConfigException naming the setting to fix
     */
    public LakebaseR2dbcPoolConfig build() {
      require(maxSize >= 1, "maxSize", "maxSize must be at least 1, not " + maxSize);
      require(initialSize >= 0 && initialSize <= maxSize, "initialSize",
          "initialSize must be between 0 and maxSize (" + maxSize + "), not " + initialSize);
      require(minIdle >= 0 && minIdle <= maxSize, "minIdle",
          "minIdle must be between 0 and maxSize (" + maxSize + "), not " + minIdle);
      positive(maxLifeTime, "maxLifeTime");
      positive(tokenLifetime, "tokenLifetime");
      require(maxLifeTime.multipliedBy(10).compareTo(tokenLifetime.multipliedBy(9)) <= 0,
          "maxLifeTime", "maxLifeTime " + DurationText.format(maxLifeTime) + " must be at most"
              + " 90 % of the token lifetime (" + DurationText.format(tokenLifetime) + "), so that"
              + " no session outlives its credential by much; lower maxLifeTime");
      positive(maxIdleTime, "maxIdleTime");
      if (maxAcquireTime != null) {
        positive(maxAcquireTime, "maxAcquireTime");
      }
      if (maxCreateConnectionTime != null) {
        positive(maxCreateConnectionTime, "maxCreateConnectionTime");
      }
      positive(maxValidationTime, "maxValidationTime");
      positive(backgroundEvictionInterval, "backgroundEvictionInterval");
      return new LakebaseR2dbcPoolConfig(this);
    }

    private static void positive(Duration d, String key) {
      require(!d.isNegative() && !d.isZero(), key, key + " must be positive, not "
          + DurationText.format(d));
    }

    private static void require(boolean ok, String key, String message) {
      if (!ok) {
        throw new LakebaseConfigException(key, message);
      }
    }
  }
}
