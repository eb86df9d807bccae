package dev.lakebase.benchmarks;

import dev.lakebase.benchmarks.support.EmulatorFixture;
import dev.lakebase.jdbc.LakebaseDataSource;
import java.sql.SQLException;
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

/**
 * Scenario 3: what one physical connect (TCP, TLS, login, close) costs against the emulator,
 * for bare pgjdbc with a password (the baseline: a token minted once at setup, valid for the
 * run), for {@code LakebaseDataSource} with its cached credential, and for the naive pattern
 * that mints a token through the Databricks SDK before every connect. The emulator runs in the
 * benchmark's JVM, so its TLS code warms up with the client's: the warm-up is long.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// The JDK HTTP server under the emulator's workspace API would otherwise wait for delayed ACKs
// (Nagle): 40 ms per API call that no real workspace adds.
@Fork(value = 3, jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class PhysicalConnectBenchmark {

  private EmulatorFixture fixture;
  private LakebaseDataSource lakebase;

  /**
   * Starts the emulator (which mints the baseline's token) and warms the SDK's caches (host
   * discovery, credential), as a running application has them.
   *
   * @throws SQLException if the first connect fails
   */
  @Setup(Level.Trial)
  public void start() throws SQLException {
    fixture = EmulatorFixture.start();
    lakebase = fixture.warmLakebaseDataSource(UnaryOperator.identity());
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
   * Bare pgjdbc with a fixed password.
   *
   * @throws SQLException if the connect fails
   */
  @Benchmark
  public void pgjdbcStaticPassword() throws SQLException {
    fixture.connectWithStaticToken().close();
  }

  /**
   * The SDK: credential from the shared cache, resolver, socket factory, retry loop.
   *
   * @throws SQLException if the connect fails
   */
  @Benchmark
  public void lakebaseCachedCredential() throws SQLException {
    lakebase.getConnection().close();
  }

  /**
   * The naive pattern: a workspace API call for a fresh token, then bare pgjdbc.
   *
   * @throws SQLException if the connect fails
   */
  @Benchmark
  public void mintPerConnect() throws SQLException {
    fixture.connectWithPgjdbc(fixture.mintThroughWorkspaceApi()).close();
  }
}
