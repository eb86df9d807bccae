package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.PROFILE;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The two URL-driven entry points, end to end, with the workspace client built by Databricks
 * unified auth from a config profile.
 */
@EmulatedLakebase
class DriverAndPluginTest {

  private final LakebaseEmulator emulator;

  DriverAndPluginTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
    EmulatorSupport.writeProfile(emulator);
  }

  @Test
  void theDriverIsRegisteredThroughServiceLoading() throws Exception {
    Driver driver = DriverManager.getDriver("jdbc:lakebase:" + PRIMARY);
    assertThat(driver).isInstanceOf(LakebaseDriver.class);
    assertThat(Collections.list(DriverManager.getDrivers()))
        .filteredOn(d -> d instanceof LakebaseDriver).hasSize(1);
    assertThat(driver.acceptsURL("jdbc:postgresql://h/db")).isFalse();
    assertThat(driver.getPropertyInfo("jdbc:lakebase:" + PRIMARY + "?connectBudget=5s", null))
        .anySatisfy(p -> {
          assertThat(p.name).isEqualTo("connectBudget");
          assertThat(p.value).isEqualTo("5s");
        })
        .anySatisfy(p -> assertThat(p.name).isEqualTo("endpoint"));
  }

  @Test
  void driverUrlConnectsEndToEnd() throws Exception {
    String url = "jdbc:lakebase:" + PRIMARY + "?port=" + emulator.port()
        + "&databricksProfile=" + PROFILE
        + "&hostResolver=" + EmulatorSupport.EmulatorDnsResolver.class.getName()
        + "&applicationName=" + URLEncoder.encode("flyway migrate", StandardCharsets.UTF_8);
    for (int i = 0; i < 20; i++) {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery(
              "select current_user, current_setting('application_name')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(emulator.defaultUser());
        assertThat(rs.getString(2)).isEqualTo("flyway migrate");
      }
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(20);
    assertThat(emulator.counters().mints()).isEqualTo(1);
  }

  @Test
  void driverPropertiesComeAfterUrlParameters() throws Exception {
    Properties info = new Properties();
    info.setProperty("user", "not-the-identity@example.com");
    info.setProperty("databricksProfile", PROFILE);
    info.setProperty("hostResolver", EmulatorSupport.EmulatorDnsResolver.class.getName());
    String url = "jdbc:lakebase:" + PRIMARY + "?port=" + emulator.port() + "&user="
        + URLEncoder.encode(emulator.defaultUser(), StandardCharsets.UTF_8);
    try (Connection c = DriverManager.getConnection(url, info)) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }

  @Test
  void driverReportsBadUrlsAsSqlExceptionsNamingTheSetting() {
    assertThatThrownBy(() -> DriverManager.getConnection("jdbc:lakebase:projects/x/endpoints/y"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("endpoint 'projects/x/endpoints/y' is malformed");
  }

  @Test
  void authenticationPluginSuppliesSharedTokensToPlainPgjdbcUrls() throws Exception {
    String host = emulator.defaultEndpoint().host();
    String url = "jdbc:postgresql://127.0.0.1:" + emulator.port() + "/" + emulator.database()
        + "?sslmode=require"
        + "&user=" + URLEncoder.encode(emulator.defaultUser(), StandardCharsets.UTF_8)
        + "&options=" + URLEncoder.encode("endpoint=" + host.substring(0, host.indexOf('.')),
            StandardCharsets.UTF_8)
        + "&authenticationPluginClassName=" + LakebaseAuthenticationPlugin.class.getName()
        + "&lakebase.endpoint=" + PRIMARY
        + "&lakebase.databricksProfile=" + PROFILE;
    for (int i = 0; i < 100; i++) {
      try (Connection c = DriverManager.getConnection(url)) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(100);
    assertThat(emulator.counters().mints()).as("one shared cache for 100 plugin objects")
        .isEqualTo(1);
  }

  @Test
  void authenticationPluginReportsMissingTargets() {
    String host = emulator.defaultEndpoint().host();
    String url = "jdbc:postgresql://127.0.0.1:" + emulator.port() + "/" + emulator.database()
        + "?sslmode=require&user=u&authenticationPluginClassName="
        + LakebaseAuthenticationPlugin.class.getName() + "&options="
        + URLEncoder.encode("endpoint=" + host.substring(0, host.indexOf('.')),
            StandardCharsets.UTF_8);
    assertThatThrownBy(() -> DriverManager.getConnection(url))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("No Lakebase target");
  }
}
