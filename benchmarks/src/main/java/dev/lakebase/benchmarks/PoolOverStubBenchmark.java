package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.stub.StubDriver;
import dev.lakebase.benchmarks.support.PoolSize;
import dev.lakebase.benchmarks.support.PoolUnderTest;
import dev.lakebase.benchmarks.support.Pools;
import dev.lakebase.benchmarks.support.Source;
import dev.lakebase.pool.PoolType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The matrix of HikariCP-benchmark's stub-driver scenarios: each pool library over the bare stub
 * (the baseline), over {@code LakebaseDataSource} wrapping the stub, and as built by {@code
 * lakebase-pool}; 32 connections, opened before the measurement. The subclasses inherit these
 * JMH settings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(8)
@Fork(3)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public abstract class PoolOverStubBenchmark {

  /** Pool size of HikariCP-benchmark. */
  static final PoolSize SIZE = new PoolSize(32, 32, Duration.ofSeconds(8));

  /** The pool library: {@code hikari} or {@code vibur}. */
  @Param({"hikari", "vibur"})
  public String pool;

  /**
   * Under the pool: the bare stub ({@code bare}, the baseline), {@code LakebaseDataSource} over
   * the stub under the same raw pool ({@code sdk}), or the pool built by {@code lakebase-pool}
   * over the same core configuration ({@code lakebase-pool}).
   */
  @Param({"bare", "sdk", "lakebase-pool"})
  public String source;

  /** The pool under test, started for the trial. */
  protected PoolUnderTest pooled;

  /**
   * Starts the pool, then collects garbage so that its long-lived objects (the pooled
   * connections) are in the old generation for every variant, as in a running application.
   * Otherwise the variants differ by chance: whether setup already promoted them depends on how
   * much it allocated (the SDK's connects allocate more than the bare stub's), and G1's barriers
   * make that matter. Measured without it: Vibur over the SDK at 8 threads ran at a third of the
   * bare speed with G1 and at the same speed with ParallelGC; with it, at the same speed.
   */
  @Setup(Level.Trial)
  public void startPool() throws InterruptedException {
    pooled = Pools.start(PoolType.parse(pool), Source.parse(source), new StubDriver(), SIZE);
    pooled.awaitIdle(SIZE.minIdle(), Duration.ofSeconds(30));
    System.gc();
  }

  /** Closes the pool. */
  @TearDown(Level.Trial)
  public void stopPool() {
    pooled.close();
  }
}
