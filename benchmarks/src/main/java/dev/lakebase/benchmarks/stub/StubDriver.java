package dev.lakebase.benchmarks.stub;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;

/**
 * A JDBC driver that does no I/O, in the spirit of HikariCP-benchmark's stub driver: it isolates
 * what a pool and the SDK cost on top of the driver. A connect can take a fixed time (a network
 * round trip and login) and a statement execution can take a fixed time (a query).
 *
 * <p>It is handed to pools and to the SDK as an instance ({@code PhysicalDriverSeam.use(builder, driver)}), never
 * registered with {@code DriverManager}, so it accepts any URL.
 */
public final class StubDriver implements Driver {

  private final long connectDelayNanos;
  private final long executeDelayNanos;
  private final LongAdder connects = new LongAdder();

  /**
   * A driver whose connects and statements complete at once.
   */
  public StubDriver() {
    this(Duration.ZERO, Duration.ZERO);
  }

  /**
   * A driver with simulated latencies.
   *
   * @param connectDelay how long each connect takes
   * @param executeDelay how long each statement execution takes
   */
  public StubDriver(Duration connectDelay, Duration executeDelay) {
    this.connectDelayNanos = connectDelay.toNanos();
    this.executeDelayNanos = executeDelay.toNanos();
  }

  /**
   * How many connects were started since creation or the last {@link #resetConnects()}.
   *
   * @return the count
   */
  public long connects() {
    return connects.sum();
  }

  /** Restarts the connect count. */
  public void resetConnects() {
    connects.reset();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    connects.increment();
    pause(connectDelayNanos);
    return new StubConnection(executeDelayNanos);
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && url.startsWith("jdbc:");
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
    return new DriverPropertyInfo[0];
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("StubDriver does not log");
  }

  /**
   * Sleeps for a simulated latency; an interrupt ends the sleep and is kept for the caller.
   *
   * @param nanos the latency, 0 for none
   */
  static void pause(long nanos) {
    if (nanos <= 0) {
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
