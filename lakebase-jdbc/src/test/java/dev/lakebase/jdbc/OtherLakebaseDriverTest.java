package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.PROFILE;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Another (commercial) Lakebase JDBC driver uses the same {@code jdbc:lakebase:} prefix with
 * {@code key=value;} URLs. With both registered, {@code DriverManager} asks each driver in
 * registration order and takes the first that accepts the URL: ours must accept only its own
 * grammar, whichever order they were registered in.
 */
@EmulatedLakebase
class OtherLakebaseDriverTest {

  private static final String THEIR_URL = "jdbc:lakebase:Server=ep-x.database.cloud.databricks.com;"
      + "Port=5432;Database=databricks_postgres;AuthMech=11;";

  private final LakebaseEmulator emulator;
  private final OtherDriver other = new OtherDriver();
  private Driver ours;

  OtherLakebaseDriverTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() throws SQLException {
    EmulatorSupport.fresh(emulator);
    EmulatorSupport.writeProfile(emulator);
    ours = DriverManager.getDriver(ourUrl());
    assertThat(ours).isInstanceOf(LakebaseDriver.class);
  }

  @AfterEach
  void unregisterTheOtherDriver() throws SQLException {
    DriverManager.deregisterDriver(other);
    DriverManager.registerDriver(ours);   // a no-op unless a test stopped half-way
  }

  @Test
  void theOtherDriverRegisteredFirst() throws Exception {
    DriverManager.deregisterDriver(ours);
    DriverManager.registerDriver(other);
    DriverManager.registerDriver(ours);
    bothUrlFormsReachTheirOwnDriver();
  }

  @Test
  void theOtherDriverRegisteredLast() throws Exception {
    DriverManager.registerDriver(other);
    bothUrlFormsReachTheirOwnDriver();
  }

  private void bothUrlFormsReachTheirOwnDriver() throws Exception {
    assertThat(ours.acceptsURL(THEIR_URL)).isFalse();
    assertThat(ours.connect(THEIR_URL, new Properties())).isNull();
    assertThat(DriverManager.getDriver(THEIR_URL)).isSameAs(other);
    assertThat(DriverManager.getDriver(ourUrl())).isSameAs(ours);

    try (Connection c = DriverManager.getConnection(THEIR_URL)) {
      assertThat(c.getClientInfo("driver")).isEqualTo("other");
    }
    try (Connection c = DriverManager.getConnection(ourUrl())) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(1);
  }

  private String ourUrl() {
    return "jdbc:lakebase:" + PRIMARY + "?port=" + emulator.port() + "&databricksProfile="
        + PROFILE + "&hostResolver=" + EmulatorSupport.EmulatorDnsResolver.class.getName();
  }

  /**
   * Stands in for the other driver: it accepts only its {@code jdbc:lakebase:Key=value;} form and
   * answers with a connection that says who made it.
   */
  static final class OtherDriver implements Driver {
    @Override
    public Connection connect(String url, Properties info) {
      if (!acceptsURL(url)) {
        return null;
      }
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
            case "getClientInfo" -> "other";
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
          });
    }

    @Override
    public boolean acceptsURL(String url) {
      return url != null && url.matches("(?i)jdbc:lakebase:\\w+=.*");
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
    public Logger getParentLogger() {
      return Logger.getLogger("other");
    }
  }
}
