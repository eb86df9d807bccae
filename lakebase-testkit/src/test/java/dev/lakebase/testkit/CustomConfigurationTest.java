package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static dev.lakebase.testkit.TestClients.props;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.service.iam.MeRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A builder-configured emulator: custom users, an M2M service principal, one endpoint, persistent data. */
class CustomConfigurationTest {

  private static final String ALICE = "alice.o'hara@example.com";
  private static final String SP = "6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f";
  private static final String SP_SECRET = "dose-emulator-secret";
  private static final String ENDPOINT = "projects/shop/branches/dev/endpoints/rw";

  @TempDir
  static Path dataDirectory;

  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = configured().start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static LakebaseEmulator.Builder configured() {
    return LakebaseEmulator.builder()
        .user(ALICE)
        .servicePrincipal(SP, SP_SECRET)
        .endpoint(ENDPOINT)
        .tokenLifetime(Duration.ofMinutes(10))
        .dataDirectory(dataDirectory);
  }

  @Test
  void namedIdentitiesAndComputesReplaceTheDefaults() {
    assertThat(emulator.identities()).containsExactly(ALICE, SP);
    assertThat(emulator.defaultUser()).isEqualTo(ALICE);
    assertThat(emulator.patFor(ALICE)).isEqualTo("dapi-emulator-alice.o'hara");
    assertThatThrownBy(() -> emulator.patFor(SP)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OAuth M2M");
    assertThat(emulator.computes()).extracting(EmulatedCompute::name).containsExactly(ENDPOINT);
    assertThatThrownBy(() -> emulator.endpoint("projects/demo/branches/main/endpoints/primary"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ENDPOINT);
    assertThatThrownBy(() -> emulator.instance("demo-instance")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emulator.mintToken("nope", ALICE)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThat(emulator.tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void servicePrincipalMintsThroughOauthM2mAndLogsInAsItsApplicationId() throws SQLException {
    WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspaceUrl())
        .setClientId(SP).setClientSecret(SP_SECRET));

    assertThat(w.currentUser().me(new MeRequest()).getUserName()).isEqualTo(SP);
    String token = mintForEndpoint(w, ENDPOINT);

    try (Connection c = connect(emulator, emulator.endpoint(ENDPOINT).host(), SP, token)) {
      assertThat(queryOne(c, "select current_user")).isEqualTo(SP);
    }
    assertThat(emulator.counters().mints(ENDPOINT, SP)).isEqualTo(1);
    assertThat(emulator.counters().apiCalls("/oidc/v1/token")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void wrongClientSecretFailsInTheSdk() {
    WorkspaceClient w = new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspaceUrl())
        .setClientId(SP).setClientSecret("wrong"));

    assertThatThrownBy(() -> mintForEndpoint(w, ENDPOINT)).isInstanceOf(DatabricksException.class);
    assertThat(emulator.counters().mints(ENDPOINT, SP)).isZero();
  }

  @Test
  void userWithQuoteInTheRoleNameLogsIn() throws SQLException {
    String token = mintForEndpoint(TestClients.workspace(emulator), ENDPOINT);

    try (Connection c = connect(emulator, emulator.endpoint(ENDPOINT).host(), ALICE, token)) {
      assertThat(queryOne(c, "select current_user")).isEqualTo(ALICE);
    }
  }

  @Test
  void aSingleComputeTakesConnectionsWithoutSniOrOptions() throws SQLException {
    String token = emulator.mintToken(ENDPOINT, ALICE);

    try (Connection c = connect(emulator, "127.0.0.1", ALICE, token, props("sslmode", "disable"))) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
  }

  @Test
  void dataDirectoryKeepsDataAcrossRestarts() throws SQLException {
    try (Connection admin = emulator.adminDataSource().getConnection(); Statement st = admin.createStatement()) {
      st.execute("create table if not exists kept(v text)");
      st.execute("insert into kept values ('survives a restart')");
    }

    emulator.close();
    emulator = configured().start();

    String token = emulator.mintToken(ENDPOINT, ALICE);
    try (Connection c = connect(emulator, emulator.endpoint(ENDPOINT).host(), ALICE, token)) {
      assertThat(queryOne(c, "select v from kept")).isEqualTo("survives a restart");
    }
  }

  @Test
  void builderRejectsBadConfigurationWithTheSettingNamed() {
    assertThatThrownBy(() -> LakebaseEmulator.builder().endpoint("projects/x/endpoints/y"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projects/x/endpoints/y")
        .hasMessageContaining("projects/{project}/branches/{branch}/endpoints/{endpoint}");
    assertThatThrownBy(() -> LakebaseEmulator.builder().user("a@example.com").user("a@example.com"))
        .hasMessageContaining("a@example.com");
    assertThatThrownBy(() -> LakebaseEmulator.builder().instance("bad/name")).hasMessageContaining("bad/name");
    // The same instance name rule as the SDK's core: 1-63 letters, digits and '-'.
    assertThatThrownBy(() -> LakebaseEmulator.builder().instance("my_instance"))
        .hasMessageContaining("1-63 letters, digits and '-'");
    assertThatThrownBy(() -> LakebaseEmulator.builder().instance("a".repeat(64)))
        .hasMessageContaining("1-63");
    assertThat(LakebaseEmulator.builder().instance("a".repeat(63))).isNotNull();
    assertThatThrownBy(() -> LakebaseEmulator.builder().tokenLifetime(Duration.ZERO))
        .hasMessageContaining("tokenLifetime");
    assertThatThrownBy(() -> LakebaseEmulator.builder().postgresPort(70000)).hasMessageContaining("postgresPort");
  }

  @Test
  void aTakenPortFailsTheStartWithAClearMessage() {
    assertThatThrownBy(() -> LakebaseEmulator.builder().workspacePort(Integer.parseInt(
        emulator.workspaceUrl().substring(emulator.workspaceUrl().lastIndexOf(':') + 1))).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("Lakebase emulator failed to start");
  }
}
