package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.support.EmulatorFixture;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
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

/**
 * Scenario 5: the endpoint is suspended before every iteration; one shot measures the time from
 * the first connect attempt to a first successful {@code SELECT 1}. The endpoint either holds the
 * login while it wakes ({@code hold}) or refuses it with 57P03 until it is up ({@code refuse}).
 * The SDK retries with short exponential backoff, with its defaults and with {@code maxBackoff}
 * lowered to 100 ms; the baseline is the fixed backoff of the Python reference apps (try; on
 * failure sleep 2 s, try, sleep 4 s, try, sleep 6 s, try).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The JDK HTTP server under the emulator's workspace API would otherwise wait for delayed ACKs
// (Nagle): 40 ms per API call that no real workspace adds.
@Fork(value = 1, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 2)
@Measurement(iterations = 15)
public class ColdStartBenchmark {

  static final Duration TUNED_MAX_BACKOFF = Duration.ofMillis(100);
  static final List<Duration> FIXED_BACKOFF =
      List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(6));

  /** The wake behaviour and delay: {@code hold-<ms>ms} or {@code refuse-<ms>ms}. */
  @Param({"hold-200ms", "hold-500ms", "refuse-200ms", "refuse-500ms"})
  public String wake;

  private EmulatorFixture fixture;
  private LakebaseDataSource lakebase;
  private LakebaseDataSource lakebaseTuned;

  /**
   * Starts the emulator and warms the SDK's caches, as in an application whose endpoint went
   * idle.
   *
   * @throws SQLException if the first connect fails
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    fixture = EmulatorFixture.start();
    lakebase = fixture.warmLakebaseDataSource(UnaryOperator.identity());
    lakebaseTuned = fixture.warmLakebaseDataSource(b -> b.maxBackoff(TUNED_MAX_BACKOFF));
    fixture.endpoint().wakeBehaviour(wakeBehaviour(wake));
  }

  /** Suspends the endpoint: the next login wakes it. */
  @Setup(Level.Iteration)
  public void suspend() {
    fixture.endpoint().suspend();
  }

  /**
   * Records the SDK's connect attempts (warm-up included) and stops the DataSources and the
   * emulator.
   *
   * @param params the benchmark, to label the counts
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    fixture.stop(params);
  }

  /**
   * The SDK: {@code getConnection()} retries until the endpoint is up.
   *
   * @throws SQLException if it does not come up within the connect budget
   */
  @Benchmark
  public void lakebase() throws SQLException {
    firstQuery(lakebase);
  }

  /**
   * The SDK with {@code maxBackoff=100ms}: a waking endpoint is polled at least every 100 ms.
   *
   * @throws SQLException if it does not come up within the connect budget
   */
  @Benchmark
  public void lakebaseMaxBackoff100ms() throws SQLException {
    firstQuery(lakebaseTuned);
  }

  /**
   * Bare pgjdbc with the reference apps' fixed backoff.
   *
   * @throws SQLException if the last attempt fails
   * @throws InterruptedException if interrupted while backing off
   */
  @Benchmark
  public void fixedBackoff() throws SQLException, InterruptedException {
    for (int retry = 0; ; retry++) {
      try (Connection c = fixture.connectWithStaticToken()) {
        EmulatorFixture.selectOne(c);
        return;
      } catch (SQLException e) {
        if (retry == FIXED_BACKOFF.size()) {
          throw e;
        }
        Thread.sleep(FIXED_BACKOFF.get(retry).toMillis());
      }
    }
  }

  private static void firstQuery(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      EmulatorFixture.selectOne(c);
    }
  }

  /**
   * Parses a {@link #wake} value.
   *
   * @param value e.g. {@code refuse-500ms}
   * @return the behaviour
   */
  static WakeBehaviour wakeBehaviour(String value) {
    int dash = value.indexOf('-');
    if (dash < 0 || !value.endsWith("ms")) {
      throw new IllegalArgumentException("wake must look like hold-200ms or refuse-500ms: " + value);
    }
    Duration delay = Duration.ofMillis(Long.parseLong(value.substring(dash + 1, value.length() - 2)));
    return switch (value.substring(0, dash)) {
      case "hold" -> WakeBehaviour.hold(delay);
      case "refuse" -> WakeBehaviour.refuse(delay);
      default -> throw new IllegalArgumentException("wake must start with hold- or refuse-: " + value);
    };
  }
}
