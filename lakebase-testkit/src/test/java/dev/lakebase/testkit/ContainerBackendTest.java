package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The container backend behind the same builder: PostgreSQL 17 from {@code postgres:17}, reached
 * through the same token-checking proxy. Skips without a Docker daemon (absent on this project's
 * build machines); every behaviour it touches is covered on the embedded backend by the other
 * tests, so this only shows the backend is interchangeable.
 */
class ContainerBackendTest {

  @Test
  void postgres17ContainerBehindTheSameProxy() throws Exception {
    assumeTrue(DockerClientFactory.instance().isDockerAvailable(), "no Docker daemon");
    try (LakebaseEmulator emulator = LakebaseEmulator.builder()
        .endpoint("projects/demo/branches/main/endpoints/primary")
        .postgresContainer("postgres:17")
        .start()) {
      String token = mintForEndpoint(TestClients.workspace(emulator),
          emulator.defaultEndpoint().name());
      try (Connection c = connect(emulator, emulator.defaultEndpoint().host(),
          emulator.defaultUser(), token)) {
        assertThat(queryOne(c, "select current_user")).isEqualTo(emulator.defaultUser());
        assertThat((String) queryOne(c, "show server_version")).startsWith("17.");
      }
      assertThat(emulator.counters().loginsAccepted()).isEqualTo(1);
    }
  }

  @Test
  void containerAndDataDirectoryDoNotCombine() {
    assertThatThrownBy(() -> LakebaseEmulator.builder().postgresContainer("postgres:17")
        .dataDirectory(Path.of("target/never")).start())
        .hasMessageContaining("dataDirectory and postgresContainer");
    assertThatThrownBy(() -> LakebaseEmulator.builder().postgresContainer(" "))
        .hasMessageContaining("postgres:17");
  }
}
