package dev.lakebase.examples.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/** Real applications started with and without Lakebase settings. */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedLakebaseTest {

  /** An application with nothing but auto-configuration, like the examples. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}

  /** Fails the start-up after the emulator has started. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class FailingApp {
    @Bean
    Object failing() {
      throw new IllegalStateException("start-up failure for the test");
    }
  }

  private static ConfigurableApplicationContext run(String... args) {
    return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE).run(args);
  }

  @Test
  void startsTheEmulatorWhenNothingIsConfiguredAndConnectsThroughTheSdk(CapturedOutput output)
      throws SQLException {
    LakebaseEmulator emulator;
    try (ConfigurableApplicationContext context = run()) {
      emulator = context.getBean(LakebaseEmulator.class);
      EmulatedCompute endpoint = emulator.defaultEndpoint();
      assertThat(EmbeddedLakebase.isActive(context.getEnvironment())).isTrue();
      assertThat(context.getBean(LakebaseConfig.class).target())
          .isEqualTo(LakebaseTarget.endpoint(endpoint.name()));

      JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
      assertThat(jdbc.queryForObject("select current_user", String.class))
          .isEqualTo(emulator.defaultUser());
      assertThat(context.getBean(DataSource.class)).isInstanceOf(LakebasePooledDataSource.class);
      // The real path: a token minted through the workspace API, a login at the TLS proxy.
      assertThat(emulator.counters().mints(endpoint.name())).isPositive();
      assertThat(emulator.counters().loginsAccepted(endpoint.name())).isPositive();
      assertThat(emulator.counters().loginsRejected()).isZero();

      // The default wake delay: a login after a suspend waits for the wake and succeeds (a new
      // physical connection: pooled ones just die with the suspend).
      endpoint.suspend();
      LakebasePooledDataSource pool = context.getBean(LakebasePooledDataSource.class);
      try (Connection connection = pool.lakebaseDataSource().getConnection()) {
        assertThat(connection.isValid(5)).isTrue();
      }
      assertThat(endpoint.wakeups()).isEqualTo(1);
    }
    assertThat(output).contains("using the embedded Lakebase emulator")
        .contains("LAKEBASE_ENDPOINT");
    emulator.counters().mintedTokens().forEach(token -> assertThat(output).doesNotContain(token));
    assertThat(reachable(emulator.port())).as("closed with the context").isFalse();
  }

  @Test
  void aFailedStartClosesTheEmulator(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(FailingApp.class)
        .web(WebApplicationType.NONE).run()).hasRootCauseMessage("start-up failure for the test");
    Matcher proxy = Pattern.compile("PostgreSQL proxy 127\\.0\\.0\\.1:(\\d+)").matcher(output);
    assertThat(proxy.find()).as(output.toString()).isTrue();
    assertThat(reachable(Integer.parseInt(proxy.group(1)))).isFalse();
  }

  @Test
  void knobsConfigureTheEmulator() {
    try (ConfigurableApplicationContext context = run("--examples.embedded.token-lifetime=10m",
        "--examples.embedded.wake-delay=0s")) {
      LakebaseEmulator emulator = context.getBean(LakebaseEmulator.class);
      assertThat(emulator.tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void dataDirKeepsTheDataBetweenRuns(@TempDir Path dir) {
    String dataDir = "--examples.embedded.data-dir=" + dir.resolve("pgdata");
    try (ConfigurableApplicationContext context = run(dataDir)) {
      context.getBean(JdbcTemplate.class).execute("create table kept (v int); insert into kept values (42)");
    }
    try (ConfigurableApplicationContext context = run(dataDir)) {
      assertThat(context.getBean(JdbcTemplate.class).queryForObject("select v from kept",
          Integer.class)).isEqualTo(42);
    }
  }

  @Test
  void doesNothingWhenAnEndpointIsConfigured(CapturedOutput output) {
    String endpoint = "projects/real/branches/main/endpoints/primary";
    try (ConfigurableApplicationContext context = run("--lakebase.endpoint=" + endpoint)) {
      assertThat(context.getBeansOfType(LakebaseEmulator.class)).isEmpty();
      assertThat(EmbeddedLakebase.isActive(context.getEnvironment())).isFalse();
      assertThat(EmbeddedLakebase.emulator(context.getEnvironment())).isEmpty();
      LakebaseConfig config = context.getBean(LakebaseConfig.class);
      assertThat(config.target()).isEqualTo(LakebaseTarget.endpoint(endpoint));
      assertThat(config.port()).isEqualTo(5432);
    }
    assertThat(output).doesNotContain("embedded Lakebase emulator");
  }

  @Test
  void disabledByProperty() {
    try (ConfigurableApplicationContext context = run("--examples.embedded.enabled=false",
        "--spring.autoconfigure.exclude="
            + "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")) {
      assertThat(context.getBeansOfType(LakebaseEmulator.class)).isEmpty();
      assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
    }
  }

  @Test
  void activePropertyWithoutTheEmbeddedDefaultIsAnError() {
    assertThatThrownBy(() -> run("--lakebase.endpoint=projects/p/branches/b/endpoints/e",
        "--" + EmbeddedLakebase.ACTIVE_PROPERTY + "=true"))
        .hasRootCauseMessage(EmbeddedLakebase.ACTIVE_PROPERTY + " is set by the embedded default"
            + " only; remove it and leave the Lakebase settings empty to use the embedded emulator");
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
