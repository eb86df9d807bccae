package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.stub.StubDriver;
import dev.lakebase.benchmarks.support.CountingCredentialProvider;
import dev.lakebase.benchmarks.support.ExtraMetrics;
import dev.lakebase.benchmarks.support.Pools;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * Scenario 4: 1, 8 and 64 threads open physical connections through {@code LakebaseDataSource}
 * (stub driver, so the credential path is what is measured) while tokens that live 500 ms keep
 * crossing refresh boundaries; every mint takes 20 ms (the workspace API call).
 *
 * <ul>
 *   <li>{@code steady}: tokens that live 1 h, so no refresh boundary is crossed during the run:
 *       the baseline: the same cache path as the others, without a refresh.
 *   <li>{@code background}: default refresh timing, the cache refreshes at half life in the
 *       background so connects should never wait;
 *   <li>{@code herd}: {@code refreshAhead} below the minimum validity, so every token runs out
 *       under load and all threads hit the boundary together: single-flight must turn them into
 *       one mint.
 * </ul>
 *
 * <p>The provider counts mints and redundant mints (see {@link CountingCredentialProvider}) over
 * the measurement iterations; they are written as extra metrics for the renderer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 6, time = 2)
public class CredentialContentionBenchmark {

  static final Duration TOKEN_LIFE = Duration.ofMillis(500);
  static final Duration STEADY_TOKEN_LIFE = Duration.ofHours(1);
  static final Duration MINT_LATENCY = Duration.ofMillis(20);

  /** How credentials are obtained: {@code steady}, {@code background} or {@code herd}. */
  @Param({"steady", "background", "herd"})
  public String credential;

  private CountingCredentialProvider provider;
  private LakebaseDataSource dataSource;
  private boolean measuring;

  /**
   * Builds the DataSource and makes the first mint outside the measurement.
   *
   * @throws SQLException if the first connect fails
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    StubDriver driver = new StubDriver();
    LakebaseConfig config = switch (credential) {
      case "steady" -> Pools.stubConfigBuilder(driver)
          .credentialProvider(counting(STEADY_TOKEN_LIFE)).build();
      case "background" -> Pools.stubConfigBuilder(driver)
          .credentialProvider(counting(TOKEN_LIFE)).build();
      case "herd" -> Pools.stubConfigBuilder(driver).credentialProvider(counting(TOKEN_LIFE))
          .refreshAhead(Duration.ofMillis(1))
          .build();
      default -> throw new IllegalArgumentException("Unknown credential mode " + credential);
    };
    dataSource = new LakebaseDataSource(config);
    dataSource.getConnection().close();
  }

  /**
   * Counts mints over the measurement iterations only.
   *
   * @param iteration the iteration about to run
   */
  @Setup(Level.Iteration)
  public void count(IterationParams iteration) {
    boolean measurement = iteration.getType() == IterationType.MEASUREMENT;
    if (measurement != measuring) {
      provider.resetCounts();
    }
    measuring = measurement;
  }

  /**
   * Records the mint counts and closes the DataSource.
   *
   * @param params the benchmark, to label the counts
   */
  @TearDown(Level.Trial)
  public void stop(BenchmarkParams params) {
    ExtraMetrics.write(params, Map.of(
        "mints", provider.mints(),
        "redundantMints", provider.redundantMints()), Map.of());
    dataSource.close();
  }

  /**
   * One thread.
   *
   * @return the connection
   * @throws SQLException if the connect fails
   */
  @Benchmark
  @Threads(1)
  public Connection threads01() throws SQLException {
    return connectAndClose();
  }

  /**
   * Eight threads.
   *
   * @return the connection
   * @throws SQLException if the connect fails
   */
  @Benchmark
  @Threads(8)
  public Connection threads08() throws SQLException {
    return connectAndClose();
  }

  /**
   * 64 threads.
   *
   * @return the connection
   * @throws SQLException if the connect fails
   */
  @Benchmark
  @Threads(64)
  public Connection threads64() throws SQLException {
    return connectAndClose();
  }

  private CountingCredentialProvider counting(Duration life) {
    provider = new CountingCredentialProvider(life, MINT_LATENCY);
    return provider;
  }

  private Connection connectAndClose() throws SQLException {
    Connection connection = dataSource.getConnection();
    connection.close();
    return connection;
  }
}
