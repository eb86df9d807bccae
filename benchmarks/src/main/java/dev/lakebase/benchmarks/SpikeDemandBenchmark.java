package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.stub.StubDriver;
import dev.lakebase.benchmarks.support.ExtraMetrics;
import dev.lakebase.benchmarks.support.PoolSize;
import dev.lakebase.benchmarks.support.PoolUnderTest;
import dev.lakebase.benchmarks.support.Pools;
import dev.lakebase.benchmarks.support.Source;
import dev.lakebase.pool.PoolType;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * Scenario 6, HikariCP's spike test: a pool (min 5 idle, max 50) whose connects take 150 ms is hit
 * by 50 threads at once, each running a 2 ms query. One shot is one burst on a fresh pool with its
 * 5 idle connections open. Recorded besides the burst's duration: how many connections the pool
 * started opening and how long each borrow waited.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
public class SpikeDemandBenchmark {

  static final int BURST = 50;
  static final PoolSize SIZE = new PoolSize(5, 50, Duration.ofSeconds(30));
  static final Duration CONNECT = Duration.ofMillis(150);
  static final Duration QUERY = Duration.ofMillis(2);
  private static final Duration FILL_TIMEOUT = Duration.ofSeconds(30);

  /** The pool library: {@code hikari} or {@code vibur}. */
  @Param({"hikari", "vibur"})
  public String pool;

  /**
   * Under the pool: the bare stub ({@code bare}), the SDK over it ({@code sdk}), or the pool
   * module's pool over the SDK ({@code lakebase-pool}).
   */
  @Param({"bare", "sdk", "lakebase-pool"})
  public String source;

  private final StubDriver driver = new StubDriver(CONNECT, QUERY);
  private final List<Double> borrowWaitsMs = new ArrayList<>();
  private final List<Double> connectionsOpened = new ArrayList<>();
  private ThreadPoolExecutor workers;
  private boolean measuring;
  private PoolUnderTest pooled;
  private CountDownLatch go;
  private CountDownLatch done;
  private long[] waitNanos;
  private AtomicReference<Exception> failure;

  /** Starts the burst's threads once, so that thread creation is not measured. */
  @Setup(Level.Trial)
  public void startWorkers() {
    workers = new ThreadPoolExecutor(BURST, BURST, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>());
    workers.prestartAllCoreThreads();
  }

  /**
   * Records only measurement iterations.
   *
   * @param iteration the iteration about to run
   */
  @Setup(Level.Iteration)
  public void phase(IterationParams iteration) {
    measuring = iteration.getType() == IterationType.MEASUREMENT;
  }

  /**
   * Starts a fresh pool, waits for its 5 idle connections, and parks the 50 borrowers at the
   * starting line.
   *
   * @throws InterruptedException if interrupted while waiting for the pool
   */
  @Setup(Level.Invocation)
  public void prepareBurst() throws InterruptedException {
    pooled = Pools.start(PoolType.parse(pool), Source.parse(source), driver, SIZE);
    pooled.awaitIdle(SIZE.minIdle(), FILL_TIMEOUT);
    driver.resetConnects();
    go = new CountDownLatch(1);
    done = new CountDownLatch(BURST);
    waitNanos = new long[BURST];
    failure = new AtomicReference<>();
    for (int i = 0; i < BURST; i++) {
      int slot = i;
      workers.execute(() -> borrowAndQuery(slot));
    }
  }

  /**
   * Releases the burst and waits for every borrower to finish.
   *
   * @throws Exception the first borrower's failure
   */
  @Benchmark
  public void burst() throws Exception {
    go.countDown();
    done.await();
    Exception e = failure.get();
    if (e != null) {
      throw e;
    }
  }

  /** Records the burst and closes the pool. */
  @TearDown(Level.Invocation)
  public void finishBurst() {
    if (measuring) {
      connectionsOpened.add((double) driver.connects());
      for (long w : waitNanos) {
        borrowWaitsMs.add(w / 1e6);
      }
    }
    pooled.close();
  }

  /**
   * Writes the recorded metrics and stops the threads.
   *
   * @param params the benchmark, to label the metrics
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    workers.shutdownNow();
    ExtraMetrics.write(params, Map.of("bursts", (long) connectionsOpened.size()),
        Map.of("borrowWaitMs", borrowWaitsMs, "connectionsOpened", connectionsOpened));
  }

  private void borrowAndQuery(int slot) {
    try {
      go.await();
      long start = System.nanoTime();
      try (Connection c = pooled.dataSource().getConnection()) {
        waitNanos[slot] = System.nanoTime() - start;
        try (Statement s = c.createStatement()) {
          s.execute("SELECT 1");
        }
      }
    } catch (SQLException | RuntimeException e) {
      failure.compareAndSet(null, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } finally {
      done.countDown();
    }
  }
}
