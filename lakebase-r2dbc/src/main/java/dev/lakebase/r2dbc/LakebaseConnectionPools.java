package dev.lakebase.r2dbc;

import dev.lakebase.jdbc.LakebaseConfig;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;

/**
 * r2dbc-pool over a {@link LakebaseConnectionFactory}, with the defaults of {@link
 * LakebaseR2dbcPoolConfig}. Also set on the pool: {@code acquireRetry(0)} (the factory already
 * retries transient failures within {@code connectBudget}; r2dbc-pool's default retry would
 * double the wait for a permanent failure) and local validation on acquire (the connection is
 * open), unless a validation query is configured.
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
    return new ConnectionPool(configuration(factory, pool).build());
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
    Duration budget = factory.config().connectBudget();
    ConnectionPoolConfiguration.Builder b = ConnectionPoolConfiguration.builder(factory)
        .name(pool.name())
        .maxSize(pool.maxSize())
        .initialSize(pool.initialSize())
        .minIdle(pool.minIdle())
        .maxLifeTime(pool.maxLifeTime())
        .maxIdleTime(pool.maxIdleTime())
        .maxAcquireTime(pool.maxAcquireTime().orElse(budget.plusSeconds(5)))
        .maxCreateConnectionTime(pool.maxCreateConnectionTime().orElse(budget.plusSeconds(1)))
        .maxValidationTime(pool.maxValidationTime())
        .backgroundEvictionInterval(pool.backgroundEvictionInterval())
        .acquireRetry(0)
        .validationDepth(ValidationDepth.LOCAL);
    pool.validationQuery().ifPresent(b::validationQuery);
    return b;
  }
}
