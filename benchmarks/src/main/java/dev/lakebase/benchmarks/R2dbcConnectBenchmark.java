package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.support.EmulatorFixture;
import dev.lakebase.benchmarks.support.R2dbcBaseline;
import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;
import reactor.core.publisher.Mono;

/**
 * Scenario 7: what one physical R2DBC connect (TCP, TLS, login, close) costs against the
 * emulator, for bare r2dbc-postgresql with a static password (the baseline: a token minted once
 * at setup) and for {@link LakebaseConnectionFactory} with its cached credential (prepare on the
 * core: cache, host, resolution on a workspace-call thread; then r2dbc-postgresql).
 *
 * <p>{@link #alternatingPair()} runs one connect of each, alternating which goes first, and sums
 * their times per iteration: the ratio of the sums is paired within milliseconds, so a machine
 * whose load drifts (other builds) hits both sides alike. Its per-iteration ratios are written as
 * extra metrics ({@code pairRatio}) and decide the design target.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 3, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class R2dbcConnectBenchmark {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private EmulatorFixture fixture;
  private ConnectionFactory bare;
  private LakebaseConnectionFactory lakebase;
  private final List<Double> pairRatios = new ArrayList<>();
  private long pairs;
  private long bareNanos;
  private long sdkNanos;

  /** Starts the emulator and warms both factories (host, credential and TLS caches). */
  @Setup(Level.Trial)
  public void start() {
    fixture = EmulatorFixture.start();
    bare = R2dbcBaseline.staticPassword(fixture);
    lakebase = LakebaseConnectionFactory.create(fixture.lakebaseConfig(UnaryOperator.identity()));
    connectAndClose(bare);
    connectAndClose(lakebase);
  }

  /**
   * Records the SDK's connect attempts and stops the factory and the emulator.
   *
   * @param params the benchmark, to label the counts
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    lakebase.dispose();
    fixture.stop(params, pairRatios.isEmpty() ? Map.of() : Map.of("pairRatio", pairRatios));
  }

  /** Starts an iteration's sums of {@link #alternatingPair()}. */
  @Setup(Level.Iteration)
  public void startIteration() {
    bareNanos = 0;
    sdkNanos = 0;
  }

  /**
   * Keeps the measurement iterations' ratio of {@link #alternatingPair()}.
   *
   * @param iteration warm-up or measurement
   */
  @TearDown(Level.Iteration)
  public void endIteration(IterationParams iteration) {
    if (iteration.getType() == IterationType.MEASUREMENT && bareNanos > 0) {
      pairRatios.add((double) sdkNanos / bareNanos);
    }
  }

  /** Bare r2dbc-postgresql with a fixed password. */
  @Benchmark
  public void r2dbcStaticPassword() {
    connectAndClose(bare);
  }

  /** The SDK's R2DBC factory: credential from the shared cache, resolver, retry decisions. */
  @Benchmark
  public void lakebaseCachedCredential() {
    connectAndClose(lakebase);
  }

  /** One connect of each, the first alternating; both times summed for the iteration's ratio. */
  @Benchmark
  public void alternatingPair() {
    boolean sdkFirst = (pairs++ & 1) == 0;
    long start = System.nanoTime();
    connectAndClose(sdkFirst ? lakebase : bare);
    long middle = System.nanoTime();
    connectAndClose(sdkFirst ? bare : lakebase);
    long end = System.nanoTime();
    sdkNanos += sdkFirst ? middle - start : end - middle;
    bareNanos += sdkFirst ? end - middle : middle - start;
  }

  private static void connectAndClose(ConnectionFactory factory) {
    Mono.from(factory.create()).flatMap(c -> Mono.from(c.close())).block(WAIT);
  }
}
