package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What standalone mode prints, and its command line. */
@EmulatedLakebase
class MainTest {

  @Test
  void describePrintsEverythingNeededToConnect(LakebaseEmulator emulator) {
    String text = Main.describe(emulator);
    ClientSettings settings = emulator.connectionSettings();

    assertThat(text).contains(emulator.workspaceUrl(), "dapi-emulator-dev", "dev@example.com",
        emulator.caCertificatePath().toString());
    for (EmulatedCompute c : emulator.computes()) {
      assertThat(text).contains(c.name(), "127.0.0.1:" + c.directPort(), c.host(),
          "127.0.0.1:" + c.readOnlyDirectPort(), c.readOnlyHost());
    }
    assertThat(text).contains("lakebase.endpoint=projects/demo/branches/main/endpoints/primary")
        .contains("lakebase.port=" + emulator.defaultEndpoint().directPort())
        .contains("export PGHOST=127.0.0.1")
        .contains("export DATABRICKS_HOST=" + emulator.workspaceUrl())
        .contains(settings.lakebaseJdbcUrl())
        .contains("psql 'host=127.0.0.1 port=" + emulator.defaultEndpoint().directPort()
            + " dbname=databricks_postgres user=dev@example.com sslmode=require'")
        .contains(settings.genericJdbcUrl())
        .contains("curl -s -X POST -H 'Authorization: Bearer dapi-emulator-dev'")
        .contains(emulator.workspaceUrl() + "/api/2.0/postgres/credentials");
  }

  @Test
  void connectionSettingsPointAtTheDirectPort(LakebaseEmulator emulator) {
    ClientSettings settings = emulator.connectionSettings();
    int port = emulator.defaultEndpoint().directPort();

    assertThat(port).isNotEqualTo(emulator.port());
    assertThat(settings.environment()).containsEntry("DATABRICKS_HOST", emulator.workspaceUrl())
        .containsEntry("DATABRICKS_TOKEN", "dapi-emulator-dev")
        .containsEntry("DATABRICKS_AUTH_TYPE", "pat")
        .containsEntry("PGHOST", "127.0.0.1")
        .containsEntry("PGPORT", Integer.toString(port))
        .containsEntry("PGDATABASE", "databricks_postgres")
        .containsEntry("PGUSER", "dev@example.com")
        .containsEntry("PGSSLMODE", "require")
        .containsEntry("LAKEBASE_ENDPOINT", "projects/demo/branches/main/endpoints/primary")
        .doesNotContainKey("PGHOSTADDR");
    assertThat(settings.springProperties())
        .containsEntry("lakebase.endpoint", "projects/demo/branches/main/endpoints/primary")
        .containsEntry("lakebase.host", "127.0.0.1")
        .containsEntry("lakebase.port", Integer.toString(port))
        .containsEntry("lakebase.databricks.token", "dapi-emulator-dev");
    assertThat(settings.toString()).doesNotContain("dapi-emulator-dev");
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
