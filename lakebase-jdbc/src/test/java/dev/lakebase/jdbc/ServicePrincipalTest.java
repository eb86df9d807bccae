package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth machine-to-machine auth (a service principal) through the real SDK: the login user is
 * the principal's application id, found through {@code currentUser().me()}.
 */
class ServicePrincipalTest {

  private static final String APP_ID = "6f1c2a7e-0b8d-4e1f-9a3b-5c7d9e2f4a61";
  private static final String ENDPOINT = "projects/m2m/branches/main/endpoints/jobs";
  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = LakebaseEmulator.builder()
        .servicePrincipal(APP_ID, "sp-secret-value")
        .endpoint(ENDPOINT)
        .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void aServicePrincipalConnectsAsItsApplicationId() throws Exception {
    WorkspaceClient m2m = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl())
        .setClientId(APP_ID)
        .setClientSecret("sp-secret-value"));
    LakebaseConfig config = LakebaseConfig.builder()
        .endpoint(ENDPOINT)
        .workspaceClient(m2m)
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      for (int i = 0; i < 3; i++) {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("select current_user")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo(APP_ID);
        }
      }
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(ds.credentialStatus().identity()).contains(APP_ID);
    }
    assertThat(emulator.counters().mints(ENDPOINT, APP_ID)).isEqualTo(1);
    assertThat(emulator.counters().loginsAccepted(ENDPOINT)).isEqualTo(4);
  }
}
