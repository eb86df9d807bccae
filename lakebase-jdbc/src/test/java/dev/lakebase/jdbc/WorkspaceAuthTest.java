package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Workspace auth from driver settings alone (no environment, no config file): what a tool that
 * only takes a URL and properties can do.
 */
@EmulatedLakebase
class WorkspaceAuthTest {

  private final LakebaseEmulator emulator;

  WorkspaceAuthTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void aTokenAsADriverPropertyAuthenticatesTheLibrarysWorkspaceClient() throws Exception {
    String pat = emulator.patFor(emulator.defaultUser());
    String url = "jdbc:lakebase:" + PRIMARY + "?databricksHost="
        + URLEncoder.encode(emulator.workspaceUrl(), StandardCharsets.UTF_8)
        + "&databricksAuthType=pat&port=" + emulator.port()
        + "&hostResolver=" + EmulatorSupport.EmulatorDnsResolver.class.getName();
    Properties info = new Properties();
    info.setProperty("databricksToken", pat);
    try (Connection c = DriverManager.getConnection(url, info)) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
    assertThat(emulator.counters().mints()).isEqualTo(1);

    LakebaseConfig config = LakebaseDriver.configFor(url, info);
    assertThat(config.workspaceAuth().token()).contains(pat);
    assertThat(config.toString()).doesNotContain(pat).contains("token=<redacted>");
    assertThat(config.workspaceAuth().toString()).doesNotContain(pat);
  }

  @Test
  void oauthClientCredentialsAreSecretsThatAreNeverEchoed() {
    LakebaseConfig config = LakebaseConfig.builder().endpoint(PRIMARY)
        .databricksHost("https://example.cloud.databricks.com")
        .databricksOAuth("6f1c2d3e-client", "very-secret-value").build();
    assertThat(config.workspaceAuth().clientId()).contains("6f1c2d3e-client");
    assertThat(config.toString()).contains("6f1c2d3e-client").doesNotContain("very-secret-value");
    assertThat(config.workspaceAuth().toDatabricksConfig().getClientSecret())
        .isEqualTo("very-secret-value");

    Properties info = new Properties();
    info.setProperty("databricksClientSecret", "very-secret-value");
    info.setProperty("databricksToken", "dapi-should-not-show");
    DriverPropertyInfo[] listed = new LakebaseDriver().getPropertyInfo("jdbc:lakebase:" + PRIMARY,
        info);
    assertThat(Arrays.stream(listed).map(p -> p.name))
        .contains("databricksToken", "databricksClientId", "databricksClientSecret",
            "databricksProfile", "databricksHost");
    for (DriverPropertyInfo p : listed) {
      if (p.name.equals("databricksClientSecret") || p.name.equals("databricksToken")
          || p.name.equals("password")) {
        assertThat(p.value).as(p.name).isNull();
        assertThat(p.description).as(p.name).contains("[secret]");
      }
    }
  }
}
