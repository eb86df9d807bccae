package dev.lakebase.examples.support;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.spring.autoconfigure.LakebaseAutoConfiguration;
import dev.lakebase.testkit.LakebaseEmulator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Exposes the embedded emulator started by {@link EmbeddedLakebaseEnvironmentPostProcessor}: the
 * emulator itself (closed with the context), a workspace client authenticated with the emulator
 * user's token, and a {@link HostResolver} for the emulator's host names, which are not in DNS.
 * Runs before the Lakebase auto-configuration, whose own workspace client then backs off.
 */
@AutoConfiguration(before = LakebaseAutoConfiguration.class)
@ConditionalOnBooleanProperty(EmbeddedLakebase.ACTIVE_PROPERTY)
public final class EmbeddedLakebaseAutoConfiguration {

  EmbeddedLakebaseAutoConfiguration() {}

  @Bean(destroyMethod = "close")
  LakebaseEmulator lakebaseEmulator(ConfigurableEnvironment environment) {
    return EmbeddedLakebase.emulator(environment).orElseThrow(() -> new IllegalStateException(
        EmbeddedLakebase.ACTIVE_PROPERTY + " is set by the embedded default only; remove it and"
            + " leave the Lakebase settings empty to use the embedded emulator"));
  }

  @Bean
  WorkspaceClient embeddedLakebaseWorkspaceClient(LakebaseEmulator emulator) {
    // An explicit auth type, so DATABRICKS_* variables or a ~/.databrickscfg of the machine
    // cannot add a second, conflicting credential.
    return new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl())
        .setAuthType("pat")
        .setToken(emulator.patFor(emulator.defaultUser())));
  }

  @Bean
  HostResolver lakebaseEmulatorHostResolver(LakebaseEmulator emulator) {
    return emulator.dns()::resolve;
  }
}
