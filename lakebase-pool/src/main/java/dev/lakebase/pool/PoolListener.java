package dev.lakebase.pool;

import dev.lakebase.jdbc.spi.LakebaseListener;

/**
 * Observes a pool built by {@link LakebasePools}: the core's events (mints, connect attempts,
 * cold-start waits, inherited from {@link LakebaseListener}) of the pool's physical connects, and
 * the pool's life cycle. {@link #onPoolCreated} hands over the pool so that gauges can read {@link
 * LakebasePooledDataSource#stats()} whenever they are sampled.
 *
 * <p>Methods are called synchronously and must be cheap; exceptions are caught and logged.
 */
public interface PoolListener extends LakebaseListener {

  /**
   * The pool was created (it has not connected yet: pools start lazily).
   *
   * @param pool the pool, e.g. to register gauges reading {@link LakebasePooledDataSource#stats()}
   */
  default void onPoolCreated(LakebasePooledDataSource pool) {}

  /**
   * The pool was closed (after its connections and the core DataSource).
   *
   * @param pool the pool
   */
  default void onPoolClosed(LakebasePooledDataSource pool) {}
}
