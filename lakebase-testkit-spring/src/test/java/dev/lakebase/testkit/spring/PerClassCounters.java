package dev.lakebase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;

/**
 * Per-test-class counters that match what the SDK did in that class: the shared emulator's
 * counters are reset before every top-level class, and so is the SDK's process-wide credential
 * cache ({@code LakebaseRuntime.reset()}, called by the extension when the SDK is on the class
 * path). {@link PerClassCountersFirstTest} and {@link PerClassCountersSecondTest} do the same; whichever runs second would read 0 mints if
 * the cache of the first survived.
 */
final class PerClassCounters {

  private PerClassCounters() {}

  static void connectAndCountOneMint(LakebaseEmulator emulator) throws Exception {
    assertThat(emulator.counters().mints()).as("counters reset for this class").isZero();
    WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl()).setAuthType("pat")
        .setToken(emulator.patFor(emulator.defaultUser())));
    LakebaseConfig config = LakebaseConfig.builder()
        .endpoint(emulator.defaultEndpoint().name())
        .workspaceClient(workspace)
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config);
        Connection c = ds.getConnection()) {
      assertThat(c.isValid(5)).isTrue();
    }
    assertThat(emulator.counters().mints()).as("this class's own mint, not an earlier cache hit")
        .isEqualTo(1);
  }
}
