package dev.lakebase.benchmarks.stub;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The bare side of the pool benchmarks: a {@link DataSource} straight over a {@link StubDriver},
 * so that a pool configured identically over it and over {@code LakebaseDataSource} differs only
 * by the SDK.
 */
public final class StubDataSource implements DataSource {

  private final StubDriver driver;
  private final Properties login = new Properties();
  private volatile int loginTimeout;

  /**
   * Creates the DataSource.
   *
   * @param driver the driver every connect goes to
   */
  public StubDataSource(StubDriver driver) {
    this.driver = driver;
    login.setProperty("user", "bench");
    login.setProperty("password", "stub");
  }

  @Override
  public Connection getConnection() throws SQLException {
    return driver.connect("jdbc:stub:bare", login);
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // nothing is logged
  }

  @Override
  public void setLoginTimeout(int seconds) {
    loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("StubDataSource does not log");
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("StubDataSource does not wrap " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
