package dev.lakebase.pool;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Worker threads that borrow a connection, run a short query and return it, in a loop until
 * stopped or a deadline passes. Failures are kept with the step that failed.
 */
final class QueryLoad implements AutoCloseable {

  /** A short query that holds the connection a little, so that sessions are busy at any time. */
  static final String QUERY = "select pg_sleep(0.002)";

  record Failure(boolean duringBorrow, Exception error) {
    /** The SQLSTATE, or null for an exception that is not an SQLException (a bug). */
    String sqlState() {
      return error instanceof SQLException e ? e.getSQLState() : null;
    }

    @Override
    public String toString() {
      return (duringBorrow ? "borrow" : "query") + " failed: " + sqlState() + " " + error;
    }
  }

  private final DataSource pool;
  private final ExecutorService workers;
  private final int threads;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong maxBorrowNanos = new AtomicLong();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;

  QueryLoad(DataSource pool, int threads, String name) {
    this.pool = pool;
    this.threads = threads;
    this.workers = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, name + "-worker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts the workers; they run until {@link #stop()} or the deadline. */
  QueryLoad start(Instant deadline) {
    for (int i = 0; i < threads; i++) {
      workers.execute(() -> {
        while (!stopped && Instant.now().isBefore(deadline)) {
          runOnce();
        }
      });
    }
    workers.shutdown();
    return this;
  }

  private void runOnce() {
    long start = System.nanoTime();
    Connection c;
    try {
      c = pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      failures.add(new Failure(true, e));
      return;
    }
    maxBorrowNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
    try (c; Statement s = c.createStatement()) {
      s.execute(QUERY);
      queries.incrementAndGet();
    } catch (SQLException | RuntimeException e) {
      failures.add(new Failure(false, e));
    }
  }

  long queries() {
    return queries.get();
  }

  List<Failure> failures() {
    return failures;
  }

  long borrowFailures() {
    return failures.stream().filter(Failure::duringBorrow).count();
  }

  Duration maxBorrowWait() {
    return Duration.ofNanos(maxBorrowNanos.get());
  }

  /** Waits for the workers to reach their deadline (or a stop). */
  boolean awaitEnd(Duration wait) throws InterruptedException {
    return workers.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  void stop() throws InterruptedException {
    stopped = true;
    awaitEnd(PoolTests.WAIT);
  }

  @Override
  public void close() throws InterruptedException {
    stop();
    workers.shutdownNow();
  }
}
