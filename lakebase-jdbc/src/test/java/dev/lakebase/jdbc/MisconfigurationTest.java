package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.SQLNonTransientConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad configuration fails at once with a message naming the setting; nothing is retried. */
@EmulatedLakebase
class MisconfigurationTest {

  private final LakebaseEmulator emulator;

  MisconfigurationTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void aMissingTargetIsRejectedWhenBuilding() {
    assertThatThrownBy(() -> LakebaseConfig.builder().workspaceClient(workspace(emulator))
        .build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("No Lakebase target")
        .hasMessageContaining("endpoint (LAKEBASE_ENDPOINT)");
  }

  @Test
  void aMalformedEndpointIsRejectedWhenBuilding() {
    assertThatThrownBy(() -> config(emulator).endpoint("projects/demo/endpoints/primary")
        .build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("endpoint 'projects/demo/endpoints/primary' is malformed")
        .extracting(e -> ((LakebaseConfigException) e).key()).isEqualTo("endpoint");
  }

  @Test
  void anUnknownEndpointFailsOnTheFirstNotFound() {
    String path = "projects/demo/branches/main/endpoints/nope";
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).endpoint(path)
        .user(emulator.defaultUser()).build())) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("Lakebase endpoint " + path
              + " not found (HTTP 404 NOT_FOUND): check endpoint");
      assertThat(ds.credentialStatus().lastMintError()).hasValueSatisfying(
          m -> assertThat(m).contains("not found"));
    }
    assertThat(emulator.counters().apiCalls("/api/2.0/postgres/credentials")).isEqualTo(1);
    assertThat(emulator.counters().apiCalls("/api/")).isEqualTo(1);
    assertThat(emulator.counters().mintFailures()).isEqualTo(1);
  }

  @Test
  void anUnknownInstanceFailsOnTheFirstNotFound() {
    LakebaseConfig config = config(emulator).endpoint(null).instance("no-such-instance").build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("Lakebase instance no-such-instance not found (HTTP 404"
              + " NOT_FOUND): check instance");
    }
    assertThat(emulator.counters().apiCalls("/api/2.0/database/credentials")).isEqualTo(1);
    assertThat(emulator.counters().apiCalls("/api/")).as("at most an identity lookup besides")
        .isLessThanOrEqualTo(2);
  }

  @Test
  void anUnknownBranchNamesProjectAndBranch() {
    LakebaseConfig config = config(emulator).endpoint(null).project("demo").branch("nope")
        .build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("projects/demo/branches/nope")
          .hasMessageContaining("check project and branch");
    }
    assertThat(emulator.counters().apiCalls("/api/")).isEqualTo(1);
  }

  @Test
  void badWorkspaceCredentialsAreNotRetried() {
    com.databricks.sdk.WorkspaceClient wrongPat = new com.databricks.sdk.WorkspaceClient(
        new com.databricks.sdk.core.DatabricksConfig().setHost(emulator.workspaceUrl())
            .setToken("dapi-not-a-real-token"));
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .workspaceClient(wrongPat).user(emulator.defaultUser()).build())) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("HTTP 401")
          .hasMessageContaining("databricksProfile")
          .hasMessageNotContaining("dapi-not-a-real-token");
    }
    assertThat(emulator.counters().apiCalls("/api/")).isEqualTo(1);
  }
}
