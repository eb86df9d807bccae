package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.support.EmulatorFixture;
import dev.lakebase.benchmarks.support.R2dbcBaseline;
import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.r2dbc.LakebaseConnectionPools;
import dev.lakebase.r2dbc.LakebaseR2dbcPoolConfig;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scenario 8: pooled query throughput over R2DBC against the emulator. 8 threads acquire a
 * connection, run {@code SELECT 1} and release it, from an r2dbc-pool of 8: bare r2dbc-pool
 * (r2dbc-pool's defaults) over bare r2dbc-postgresql with a static password, or {@link
 * LakebaseConnectionPools} (Lakebase defaults) over {@link LakebaseConnectionFactory}. Once the
 * pool is full no physical connect happens, so the ratio shows what the Lakebase pool adds to an
 * acquire and release (nothing is expected: the same r2dbc-pool does the work).
 *
 * <p>{@code source=pair} fills both pools and runs one query on each per operation, the first
 * alternating, summing each side's time per iteration: the ratio of the sums is paired within
 * microseconds, so the load of a shared machine hits both alike. Its per-iteration ratios (SDK
 * throughput / bare, that is bare time / SDK time) are written as extra metrics ({@code
 * pairRatio}) and decide the design target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(8)
public class R2dbcPoolQueryBenchmark {

  private static final int POOL_SIZE = 8;
  private static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * {@code bare}: r2dbc-pool over r2dbc-postgresql; {@code sdk}: the Lakebase pool; {@code pair}:
   * both, alternating.
   */
  @Param({"bare", "sdk", "pair"})
  public String source;

  private EmulatorFixture fixture;
  private LakebaseConnectionFactory lakebase;
  private ConnectionPool pool;
  private ConnectionPool barePool;
  private final LongAdder bareNanos = new LongAdder();
  private final LongAdder sdkNanos = new LongAdder();
  private final AtomicLong pairs = new AtomicLong();
  private final List<Double> pairRatios = new CopyOnWriteArrayList<>();

  /** Starts the emulator and fills the pool. */
  @Setup(Level.Trial)
  public void start() {
    fixture = EmulatorFixture.start();
    if (!source.equals("bare")) {
      lakebase = LakebaseConnectionFactory.create(fixture.lakebaseConfig(UnaryOperator.identity()));
      pool = LakebaseConnectionPools.create(lakebase,
          LakebaseR2dbcPoolConfig.builder().maxSize(POOL_SIZE).build());
      fill(pool);
    }
    if (!source.equals("sdk")) {
      barePool = new ConnectionPool(ConnectionPoolConfiguration.builder(
          R2dbcBaseline.staticPassword(fixture)).maxSize(POOL_SIZE).initialSize(0).build());
      fill(barePool);
    }
    if (source.equals("bare")) {
      pool = barePool;
    }
  }

  /** Fills a pool, as a running application has it. */
  private static void fill(ConnectionPool pool) {
    Flux.range(0, POOL_SIZE).flatMap(i -> pool.create(), POOL_SIZE).collectList()
        .flatMapMany(Flux::fromIterable).flatMap(Connection::close).then().block(WAIT);
  }

  /** Starts an iteration's sums of the {@code pair} source. */
  @Setup(Level.Iteration)
  public void startIteration() {
    bareNanos.reset();
    sdkNanos.reset();
  }

  /**
   * Keeps the measurement iterations' ratio of the {@code pair} source.
   *
   * @param iteration warm-up or measurement
   */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    long sdk = sdkNanos.sum();
    if (iteration.getType() == IterationType.MEASUREMENT && sdk > 0) {
      pairRatios.add((double) bareNanos.sum() / sdk);
    }
  }

  /**
   * Closes the pool, the factory and the emulator.
   *
   * @param params the benchmark, to label the SDK's connect counts
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    pool.dispose();
    if (barePool != null) {
      barePool.dispose();
    }
    if (lakebase != null) {
      lakebase.dispose();
    }
    fixture.stop(params, pairRatios.isEmpty() ? Map.of() : Map.of("pairRatio", pairRatios));
  }

  /** Acquire, {@code SELECT 1}, release (with {@code pair}: on each pool, timed). */
  @Benchmark
  public void query() {
    if (!source.equals("pair")) {
      query(pool);
      return;
    }
    boolean sdkFirst = (pairs.getAndIncrement() & 1) == 0;
    long start = System.nanoTime();
    query(sdkFirst ? pool : barePool);
    long middle = System.nanoTime();
    query(sdkFirst ? barePool : pool);
    long end = System.nanoTime();
    sdkNanos.add(sdkFirst ? middle - start : end - middle);
    bareNanos.add(sdkFirst ? end - middle : middle - start);
  }

  private static void query(ConnectionPool pool) {
    Mono.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement("SELECT 1").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0))).then(),
            Connection::close)
        .block(WAIT);
  }
}
