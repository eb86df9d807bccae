package dev.lakebase.benchmarks.support;

import java.util.function.IntSupplier;
import javax.sql.DataSource;

/** A started pool, and how to close it together with the DataSource under it. */
public final class PoolUnderTest implements AutoCloseable {

  private final DataSource pool;
  private final IntSupplier idle;
  private final Runnable close;

  PoolUnderTest(DataSource pool, IntSupplier idle, Runnable close) {
    this.pool = pool;
    this.idle = idle;
    this.close = close;
  }

  /**
   * The pool, to borrow connections from.
   *
   * @return the pooled DataSource
   */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * Idle connections in the pool now.
   *
   * @return the count
   */
  public int idleConnections() {
    return idle.getAsInt();
  }

  /** Closes the pool, then what is under it. */
  @Override
  public void close() {
    close.run();
  }
}
