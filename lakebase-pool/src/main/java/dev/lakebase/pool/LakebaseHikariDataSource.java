package dev.lakebase.pool;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.pool.internal.ConnectGate;
import dev.lakebase.pool.internal.LifetimeLimit;
import dev.lakebase.pool.internal.NativeSettings;
import dev.lakebase.pool.internal.PoolEvents;
import dev.lakebase.pool.internal.PoolSetting;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A HikariCP pool in DataSource mode over a {@link LakebaseDataSource}, created by {@link
 * LakebasePools}. It is a {@link HikariDataSource}: HikariCP's settings, JMX beans and metrics
 * integrations (including Spring Boot's) work unchanged. It starts on its first {@code
 * getConnection()}; until then HikariCP setters may still be called.
 *
 * <p>{@link #setMaxLifetime(long)} is held to the token lifetime: a value above 90 % of it, under
 * HikariCP's 30 s floor, or 0 (infinite) is rejected.
 */
public final class LakebaseHikariDataSource extends HikariDataSource
    implements LakebasePooledDataSource {

  /** HikariCP replaces a shorter maxLifetime by its 30 min default, so we reject it. */
  private static final Duration HIKARI_MIN_LIFETIME = Duration.ofSeconds(30);
  /** HikariCP disables a shorter keepaliveTime. */
  private static final Duration HIKARI_MIN_KEEPALIVE = Duration.ofSeconds(30);
  /** HikariCP replaces a shorter idleTimeout by its 10 min default. */
  private static final Duration HIKARI_MIN_IDLE_TIMEOUT = Duration.ofSeconds(10);
  /** HikariCP replaces shorter connection and validation timeouts by its defaults. */
  private static final Duration HIKARI_MIN_TIMEOUT = Duration.ofMillis(250);

  private final LakebaseDataSource physical;
  private final Duration tokenLifetime;
  private final PoolEvents events;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** HikariCP opens connections on its adder thread while borrowers wait: wake them. */
  // The total alone (a size read), not stats(): the gate may ask on a borrow.
  private final ConnectGate gate = new ConnectGate(true, () -> {
    HikariPoolMXBean pool = getHikariPoolMXBean();
    return pool == null || pool.getTotalConnections() == 0;
  });

  LakebaseHikariDataSource(LakebaseDataSource physical, LakebasePoolConfig pool,
      PoolEvents events) {
    this.physical = physical;
    this.tokenLifetime = pool.tokenLifetime();
    this.events = events;
    setDataSource(gate.gated(physical));
    setPoolName(pool.poolName());
    setMaximumPoolSize(pool.maximumPoolSize());
    setMinimumIdle(pool.minimumIdle());
    checkHikariMaxLifetime(PoolSetting.MAX_LIFETIME.key(), pool.maxLifetime());
    super.setMaxLifetime(pool.maxLifetime().toMillis());
    setConnectionTimeout(millis(PoolSetting.CONNECTION_TIMEOUT, HIKARI_MIN_TIMEOUT,
        pool.connectionTimeout(physical.config())));
    setValidationTimeout(
        millis(PoolSetting.VALIDATION_TIMEOUT, HIKARI_MIN_TIMEOUT, pool.validationTimeout()));
    setIdleTimeout(idleTimeoutMillis(pool));
    setKeepaliveTime(keepaliveMillis(pool));
    // Never fail (or block) start-up on the database: the first borrow connects.
    setInitializationFailTimeout(-1);
    NativeSettings.apply(this, PoolType.HIKARI, pool.nativeProperties());
  }

  @Override
  public PoolType poolType() {
    return PoolType.HIKARI;
  }

  @Override
  public LakebaseDataSource lakebaseDataSource() {
    return physical;
  }

  /**
   * Borrows a connection, starting the pool on first use. After a permanent connect failure
   * (see {@link dev.lakebase.jdbc.LakebaseConnectFailure#isPermanent()}) this fails at once with
   * the core's message instead of waiting for the connection timeout; one connect is tried per
   * backoff period (1 s doubling up to 30 s) until the cause is fixed.
   *
   * @return the connection
   * @throws SQLException the core's failure, or HikariCP's timeout
   */
  @Override
  public Connection getConnection() throws SQLException {
    return gate.borrow(super::getConnection);
  }

  @Override
  public Optional<PoolConnectFailure> lastConnectFailure() {
    return gate.lastFailure();
  }

  @Override
  public PoolStats stats() {
    HikariPoolMXBean pool = getHikariPoolMXBean();
    if (pool == null) {
      return new PoolStats(0, 0, 0, 0, getMaximumPoolSize());
    }
    return new PoolStats(pool.getActiveConnections(), pool.getIdleConnections(),
        pool.getThreadsAwaitingConnection(), pool.getTotalConnections(), getMaximumPoolSize());
  }

  @Override
  public void evict(Connection connection) throws SQLException {
    evictConnection(connection);
  }

  @Override
  public Duration maxLifetime() {
    return Duration.ofMillis(getMaxLifetime());
  }

  /**
   * Sets the maximum lifetime in milliseconds, held to the Lakebase limits.
   *
   * @param maxLifetimeMs at least 30 000 (HikariCP's floor) and at most 90 % of the token lifetime
   * @throws LakebaseConfigException if the value is outside these limits
   */
  @Override
  public void setMaxLifetime(long maxLifetimeMs) {
    if (tokenLifetime != null) { // null while HikariConfig's constructor runs
      checkHikariMaxLifetime("maxLifetime", Duration.ofMillis(maxLifetimeMs));
    }
    super.setMaxLifetime(maxLifetimeMs);
  }

  /**
   * Closes the core DataSource (so a connect retrying through an outage stops at once), then the
   * pool and its connections. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      // The core first: a connect that is retrying through an outage stops at once instead of
      // holding HikariCP's shutdown for up to the connect budget.
      physical.close();
      try {
        super.close();
      } finally {
        events.poolClosed(this);
      }
    }
  }

  PoolEvents events() {
    return events;
  }

  @Override
  public String toString() {
    return "LakebaseHikariDataSource[" + getPoolName() + ", " + physical + "]";
  }

  private void checkHikariMaxLifetime(String key, Duration lifetime) {
    LifetimeLimit.check(key, lifetime, tokenLifetime);
    if (lifetime.compareTo(HIKARI_MIN_LIFETIME) < 0) {
      throw new LakebaseConfigException(key, key + " " + DurationText.format(lifetime)
          + " is under HikariCP's minimum of 30s (HikariCP would silently use 30m instead): set"
          + " at least 30s, or use pool.type=vibur for shorter lifetimes");
    }
  }

  private static long millis(PoolSetting setting, Duration floor, Duration value) {
    if (value.compareTo(floor) < 0) {
      throw new LakebaseConfigException(setting.key(), setting.key() + " "
          + DurationText.format(value) + " is under HikariCP's minimum of " + DurationText.format(floor)
          + " (HikariCP would silently use its default instead)");
    }
    return value.toMillis();
  }

  private static long idleTimeoutMillis(LakebasePoolConfig pool) {
    Duration idle = pool.idleTimeout();
    if (idle.isZero()) {
      return 0;
    }
    long ms = millis(PoolSetting.IDLE_TIMEOUT, HIKARI_MIN_IDLE_TIMEOUT, idle);
    // The lifetime closes idle connections first anyway; HikariCP would warn and disable it.
    return ms + 1000 > pool.maxLifetime().toMillis() ? 0 : ms;
  }

  private static long keepaliveMillis(LakebasePoolConfig pool) {
    Duration keepalive = pool.keepaliveTime();
    if (keepalive.isZero()) {
      return 0;
    }
    long ms = millis(PoolSetting.KEEPALIVE_TIME, HIKARI_MIN_KEEPALIVE, keepalive);
    // Every connection is retired before it would be kept alive; HikariCP would warn and disable.
    return ms >= pool.maxLifetime().toMillis() ? 0 : ms;
  }
}
