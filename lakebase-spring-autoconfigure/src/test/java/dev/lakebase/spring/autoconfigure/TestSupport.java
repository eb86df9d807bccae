package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Shared helpers: context runners isolated from the real environment, emulator wiring. */
public final class TestSupport {

  /** The Databricks config profile the tests write (see the surefire configuration). */
  public static final String PROFILE = "lakebase-spring-test";
  /** Generous: these machines are shared; nothing asserts durations. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private TestSupport() {}

  /**
   * A runner with the Lakebase and Spring Boot DataSource auto-configurations whose system
   * environment is replaced by {@code variables}, so real PG* / LAKEBASE_* variables of the build
   * machine cannot leak in and tests can play a Databricks App without touching the process.
   */
  static ApplicationContextRunner runner(Map<String, String> variables) {
    return new ApplicationContextRunner()
        .withInitializer(context -> context.getEnvironment().getPropertySources().replace(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(variables))))
        .withConfiguration(AutoConfigurations.of(
            LakebaseAutoConfiguration.class, DataSourceAutoConfiguration.class));
  }

  static ApplicationContextRunner runner() {
    return runner(Map.of());
  }

  /**
   * The auto-configuration pointed at one of the emulator's endpoints: its port, its DNS and a
   * PAT-authenticated workspace client.
   */
  static ApplicationContextRunner runner(LakebaseEmulator emulator, EmulatedCompute endpoint) {
    return runner()
        .withBean(HostResolver.class, () -> resolver(emulator))
        .withBean(WorkspaceClient.class, () -> workspaceClient(emulator))
        .withPropertyValues("lakebase.endpoint=" + endpoint.name(),
            "lakebase.port=" + emulator.port());
  }

  /** Resolves the emulator's compute host names (they are not in DNS). */
  static HostResolver resolver(LakebaseEmulator emulator) {
    return host -> emulator.dns().resolve(host);
  }

  /** A client authenticated as the emulator's default user with its PAT. */
  static WorkspaceClient workspaceClient(LakebaseEmulator emulator) {
    return new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl())
        .setToken(emulator.patFor(emulator.defaultUser())));
  }

  /**
   * Writes the Databricks config file named by DATABRICKS_CONFIG_FILE, where Databricks unified
   * auth in the auto-configured WorkspaceClient finds it: a DEFAULT profile (workspace URL + the
   * default user's PAT, what unified auth uses with no settings at all, like the DATABRICKS_*
   * variables of a Databricks App) and the profile {@link #PROFILE} (PAT only: the workspace URL
   * comes from lakebase.databricks.host).
   */
  public static synchronized void writeProfiles(LakebaseEmulator emulator) {
    String file = System.getenv("DATABRICKS_CONFIG_FILE");
    assertThat(file).as("DATABRICKS_CONFIG_FILE is set by the surefire configuration")
        .isNotBlank();
    String pat = emulator.patFor(emulator.defaultUser());
    try {
      Files.writeString(Path.of(file),
          "[DEFAULT]\nhost = " + emulator.workspaceUrl() + "\ntoken = " + pat + "\n\n"
              + "[" + PROFILE + "]\ntoken = " + pat + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
