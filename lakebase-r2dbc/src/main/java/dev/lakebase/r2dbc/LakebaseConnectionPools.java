package dev.lakebase.r2dbc;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.r2dbc.internal.RevalidatingPool;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;

/**
 * r2dbc-pool over a {@link LakebaseConnectionFactory}, with the defaults of {@link
 * LakebaseR2dbcPoolConfig}. Also set on the pool: local validation on acquire (the connection is
 * open), unless a validation query is configured, and retries of an acquire only when the
 * connection it got failed validation (an idle connection the server closed, e.g. when the
 * endpoint suspended; up to {@code maxSize + 1} times), instead of r2dbc-pool's {@code
 * acquireRetry}, which retries every error and so would start a connect that already spent
 * {@code connectBudget} again.
 */
public final class LakebaseConnectionPools {

  private LakebaseConnectionPools() {}

  /**
   * A pool with the defaults over a new factory for the configuration.
   *
   * @param config the core configuration
   * @return the pool; closing it does not close the factory's shared cache hold, see {@link
   *     #create(LakebaseConnectionFactory, LakebaseR2dbcPoolConfig)}
   */
  public static ConnectionPool create(LakebaseConfig config) {
    return create(LakebaseConnectionFactory.create(config), LakebaseR2dbcPoolConfig.defaults());
  }

  /**
   * A pool with the defaults.
   *
   * @param factory the Lakebase factory
   * @return the pool
   */
  public static ConnectionPool create(LakebaseConnectionFactory factory) {
    return create(factory, LakebaseR2dbcPoolConfig.defaults());
  }

  /**
   * A pool with the given settings. Close the pool first, then the factory.
   *
   * @param factory the Lakebase factory
   * @param pool the pool settings
   * @return the pool
   */
  public static ConnectionPool create(LakebaseConnectionFactory factory,
      LakebaseR2dbcPoolConfig pool) {
    return new RevalidatingPool(settings(factory, pool).build(), pool.maxSize(),
        maxAcquireTime(factory, pool));
  }

  /**
   * The r2dbc-pool configuration with the Lakebase settings, to adjust further before building.
   *
   * @param factory the Lakebase factory
   * @param pool the pool settings
   * @return the configuration builder
   */
  public static ConnectionPoolConfiguration.Builder configuration(
      LakebaseConnectionFactory factory, LakebaseR2dbcPoolConfig pool) {
    return settings(factory, pool).maxAcquireTime(maxAcquireTime(factory, pool));
  }

  private static Duration maxAcquireTime(LakebaseConnectionFactory factory,
      LakebaseR2dbcPoolConfig pool) {
    return pool.maxAcquireTime()
        .orElse(factory.config().connectBudget().plus(LakebaseR2dbcPoolConfig.ACQUIRE_MARGIN));
  }

  /** Everything but {@code maxAcquireTime}, which {@link #create} applies itself. */
  private static ConnectionPoolConfiguration.Builder settings(
      LakebaseConnectionFactory factory, LakebaseR2dbcPoolConfig pool) {
    Duration budget = factory.config().connectBudget();
    ConnectionPoolConfiguration.Builder b = ConnectionPoolConfiguration.builder(factory)
        .name(pool.name())
        .maxSize(pool.maxSize())
        .initialSize(pool.initialSize())
        .minIdle(pool.minIdle())
        .maxLifeTime(pool.maxLifeTime())
        .maxIdleTime(pool.maxIdleTime())
        .maxCreateConnectionTime(pool.maxCreateConnectionTime().orElse(budget.plusSeconds(1)))
        .backgroundEvictionInterval(pool.backgroundEvictionInterval())
        .acquireRetry(0)
        .validationDepth(ValidationDepth.LOCAL);
    // The local check answers at once: a timeout on it would only cost a timer per acquire.
    pool.validationQuery().ifPresent(query -> b.validationQuery(query)
        .maxValidationTime(pool.maxValidationTime()));
    return b;
  }
}
