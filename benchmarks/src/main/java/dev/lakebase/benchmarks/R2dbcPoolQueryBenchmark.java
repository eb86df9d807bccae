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
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Scenario 8: pooled query throughput over R2DBC against the emulator. 8 threads acquire a
 * connection, run {@code SELECT 1} and release it, from an r2dbc-pool of 8: bare r2dbc-pool
 * (r2dbc-pool's defaults) over bare r2dbc-postgresql with a static password, or {@link
 * LakebaseConnectionPools} (Lakebase defaults) over {@link LakebaseConnectionFactory}. Once the
 * pool is full no physical connect happens, so the ratio shows what the Lakebase pool adds to an
 * acquire and release (nothing is expected: the same r2dbc-pool does the work).
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

  /** {@code bare}: r2dbc-pool over r2dbc-postgresql; {@code sdk}: the Lakebase pool. */
  @Param({"bare", "sdk"})
  public String source;

  private EmulatorFixture fixture;
  private LakebaseConnectionFactory lakebase;
  private ConnectionPool pool;

  /** Starts the emulator and fills the pool. */
  @Setup(Level.Trial)
  public void start() {
    fixture = EmulatorFixture.start();
    if (source.equals("sdk")) {
      lakebase = LakebaseConnectionFactory.create(fixture.lakebaseConfig(UnaryOperator.identity()));
      pool = LakebaseConnectionPools.create(lakebase,
          LakebaseR2dbcPoolConfig.builder().maxSize(POOL_SIZE).build());
    } else {
      pool = new ConnectionPool(ConnectionPoolConfiguration.builder(
          R2dbcBaseline.staticPassword(fixture)).maxSize(POOL_SIZE).initialSize(0).build());
    }
    // Fill the pool, as a running application has it.
    Flux.range(0, POOL_SIZE).flatMap(i -> pool.create(), POOL_SIZE).collectList()
        .flatMapMany(Flux::fromIterable).flatMap(Connection::close).then().block(WAIT);
  }

  /**
   * Closes the pool, the factory and the emulator.
   *
   * @param params the benchmark, to label the SDK's connect counts
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    pool.dispose();
    if (lakebase != null) {
      lakebase.dispose();
    }
    fixture.stop(params);
  }

  /** Acquire, {@code SELECT 1}, release. */
  @Benchmark
  public void query() {
    Mono.usingWhen(pool.create(),
            c -> Flux.from(c.createStatement("SELECT 1").execute())
                .flatMap(r -> r.map((row, meta) -> row.get(0))).then(),
            Connection::close)
        .block(WAIT);
  }
}
