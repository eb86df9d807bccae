package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What standalone mode prints, and its command line. */
@EmulatedLakebase
class MainTest {

  @Test
  void describePrintsEverythingNeededToConnect(LakebaseEmulator emulator) {
    String text = Main.describe(emulator);

    assertThat(text).contains(emulator.workspaceUrl(), "dapi-emulator-dev", "dev@example.com",
        emulator.caCertificatePath().toString());
    for (EmulatedCompute c : emulator.computes()) {
      assertThat(text).contains(c.name(), c.host() + ":" + emulator.port(), c.readOnlyHost());
    }
    assertThat(text).contains("curl -s -X POST -H 'Authorization: Bearer dapi-emulator-dev'")
        .contains("{\"endpoint\":\"projects/demo/branches/main/endpoints/primary\"}")
        .contains(emulator.workspaceUrl() + "/api/2.0/postgres/credentials")
        .contains("psql \"host=" + emulator.defaultEndpoint().host() + " hostaddr=127.0.0.1 port=" + emulator.port()
            + " dbname=databricks_postgres user=dev@example.com sslmode=require\"")
        .contains("export DATABRICKS_HOST=" + emulator.workspaceUrl());
  }

  @Test
  void connectionSettingsAreEnvironmentVariables(LakebaseEmulator emulator) {
    Map<String, String> settings = emulator.connectionSettings();

    assertThat(settings).containsEntry("DATABRICKS_HOST", emulator.workspaceUrl())
        .containsEntry("DATABRICKS_TOKEN", "dapi-emulator-dev")
        .containsEntry("PGHOST", emulator.defaultEndpoint().host())
        .containsEntry("PGHOSTADDR", "127.0.0.1")
        .containsEntry("PGPORT", Integer.toString(emulator.port()))
        .containsEntry("PGDATABASE", "databricks_postgres")
        .containsEntry("PGUSER", "dev@example.com")
        .containsEntry("PGSSLMODE", "require")
        .containsEntry("PGSSLROOTCERT", emulator.caCertificatePath().toString())
        .containsEntry("LAKEBASE_ENDPOINT", "projects/demo/branches/main/endpoints/primary");
  }

  @Test
  void commandLineErrorsNameTheOption() {
    assertThatThrownBy(() -> Main.parse(List.of("--port"))).hasMessageContaining("--port");
    assertThatThrownBy(() -> Main.parse(List.of("--port", "x"))).hasMessageContaining("--port");
    assertThatThrownBy(() -> Main.parse(List.of("--token-lifetime", "soon"))).hasMessageContaining("--token-lifetime");
    assertThatThrownBy(() -> Main.parse(List.of("--bogus", "1"))).hasMessageContaining("--bogus");
    assertThat(Main.parse(List.of("--port", "0", "--workspace-port", "0", "--token-lifetime", "10m"))).isNotNull();
  }
}
