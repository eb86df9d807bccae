package dev.lakebase.benchmarks.support;

import java.time.Duration;
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

  /**
   * Waits until the pool holds at least {@code count} idle connections (HikariCP fills its
   * minimum in the background; Vibur opens its initial ones at start).
   *
   * @param count the idle connections to wait for
   * @param timeout how long to wait
   * @throws InterruptedException if interrupted while waiting
   * @throws IllegalStateException if the pool did not fill in time
   */
  public void awaitIdle(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (idleConnections() < count) {
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("the pool did not open its " + count
            + " idle connections within " + timeout);
      }
      Thread.sleep(5);
    }
  }

  /** Closes the pool, then what is under it. */
  @Override
  public void close() {
    close.run();
  }
}
