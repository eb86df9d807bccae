package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Messages keep the cause: a budget that runs out during a workspace call names the HTTP status
 * the SDK was retrying; 401 and 403 get different hints; no message repeats in a cause chain.
 */
@EmulatedLakebase
class FailureMessagesTest {

  private final LakebaseEmulator emulator;

  FailureMessagesTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  /** The library's own workspace client (where the SDK's HTTP answers are recorded). */
  private LakebaseConfig.Builder ownClient() {
    return LakebaseConfig.builder().endpoint(PRIMARY)
        .databricksHost(emulator.workspaceUrl()).databricksAuthType("pat")
        .databricksToken(emulator.patFor(emulator.defaultUser()))
        .hostResolver(emulator.dns()::resolve).port(emulator.port());
  }

  @Test
  void aBudgetRunningOutDuringAWorkspaceCallNamesTheStatus() throws Exception {
    emulator.api().failAll(503);
    SQLException e = connectFails(ownClient().connectBudget(Duration.ofSeconds(2)).build());
    System.out.println("workspace API 503, budget 2s: " + e.getMessage());
    assertThat(e.getMessage()).contains("within 2s").contains("HTTP 503 from /api/2.0/");
    assertThat(LakebaseConnectFailure.find(e)).hasValueSatisfying(f -> {
      assertThat(f.isPermanent()).isFalse();
      assertThat(f.setting()).contains(ConfigKey.CONNECT_BUDGET);
    });
    assertNoRepeatedMessage(e);
  }

  @Test
  void throttlingIsNamedToo() throws Exception {
    emulator.api().failAll(429);
    SQLException e = connectFails(ownClient().connectBudget(Duration.ofSeconds(2)).build());
    System.out.println("workspace API 429, budget 2s: " + e.getMessage());
    assertThat(e.getMessage()).contains("HTTP 429 from /api/2.0/");
  }

  @Test
  void aWorkspaceRefusingConnectionsIsNamed() throws Exception {
    SQLException e = connectFails(ownClient().databricksHost("http://127.0.0.1:9")
        .connectBudget(Duration.ofSeconds(2)).build());
    System.out.println("workspace refusing connections, budget 2s: " + e.getMessage());
    assertThat(e.getMessage()).containsIgnoringCase("refused");
  }

  @Test
  void aBadWorkspaceTokenIsNotExplainedAsAMissingPermission() throws Exception {
    SQLException e = connectFails(ownClient().databricksToken("dapi-wrong").build());
    assertThat(e.getMessage()).contains("rejected the Databricks credentials as invalid or expired")
        .doesNotContain("needs access to").doesNotContain("Permission denied");
    assertThat(LakebaseConnectFailure.find(e)).hasValueSatisfying(f -> {
      assertThat(f.isPermanent()).isTrue();
      assertThat(f.setting()).contains(ConfigKey.DATABRICKS_TOKEN);
    });
    assertNoRepeatedMessage(e);
  }

  @Test
  void aMissingPermissionIsNamedAsSuch() throws Exception {
    emulator.api().failNext(1_000, 403, "/api/2.0/postgres/credentials");
    SQLException e = connectFails(ownClient().build());
    assertThat(e.getMessage()).contains("Permission denied while minting a credential")
        .contains("lacks permission on").doesNotContain("invalid or expired");
    assertNoRepeatedMessage(e);
  }

  private static SQLException connectFails(LakebaseConfig config) throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config); Connection c = ds.getConnection()) {
      throw new AssertionError("connected: " + c);
    } catch (SQLException e) {
      return e;
    }
  }

  static void assertNoRepeatedMessage(Throwable e) {
    Set<String> seen = new HashSet<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        assertThat(seen.add(t.getMessage())).as("repeated in the cause chain: %s", t.getMessage())
            .isTrue();
      }
    }
  }
}
