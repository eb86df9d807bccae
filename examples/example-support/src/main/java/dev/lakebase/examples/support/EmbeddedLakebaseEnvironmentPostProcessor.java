package dev.lakebase.examples.support;

import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import java.util.List;
import java.util.Optional;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * The examples' embedded default: when the application has no Lakebase or Databricks settings,
 * starts a {@link LakebaseEmulator} before the context refreshes and points the Lakebase starter
 * at it ({@code lakebase.endpoint}, {@code lakebase.port}, {@code lakebase.databricks.host}).
 * {@link EmbeddedLakebaseAutoConfiguration} then supplies the emulator's workspace client and
 * DNS, so the SDK connects exactly as it would to Lakebase: minted tokens, TLS, the proxy, SNI.
 *
 * <p>Runs after the application's configuration files are loaded, so settings in {@code
 * application.properties}, command-line arguments and environment variables all count.
 */
public final class EmbeddedLakebaseEnvironmentPostProcessor
    implements EnvironmentPostProcessor, Ordered {

  /**
   * Settings that mean "connect to a real workspace": Lakebase targets as properties (an
   * environment variable such as {@code LAKEBASE_ENDPOINT} also matches {@code lakebase.endpoint}
   * by relaxed binding) and the variables of the core, Databricks Apps and Databricks unified auth.
   */
  static final List<String> REAL_WORKSPACE_SETTINGS = List.of(
      "lakebase.endpoint", "lakebase.project", "lakebase.instance", "lakebase.host",
      "LAKEBASE_ENDPOINT", "LAKEBASE_PROJECT", "LAKEBASE_INSTANCE", "PGHOST", "DATABRICKS_HOST");

  private static final List<String> TARGET_SETTINGS = REAL_WORKSPACE_SETTINGS.subList(0, 8);

  private final Log log;

  /**
   * Called by Spring Boot.
   *
   * @param logFactory logs replayed once logging is initialised
   */
  public EmbeddedLakebaseEnvironmentPostProcessor(DeferredLogFactory logFactory) {
    this.log = logFactory.getLog(EmbeddedLakebaseEnvironmentPostProcessor.class);
  }

  @Override
  public int getOrder() {
    // After the config data (application.properties, profiles) has been loaded.
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment,
      SpringApplication application) {
    if (environment.getPropertySources().contains(EmbeddedLakebase.PROPERTY_SOURCE_NAME)) {
      return; // a child application sharing its parent's environment
    }
    EmbeddedLakebaseProperties settings = Binder.get(environment)
        .bindOrCreate(EmbeddedLakebaseProperties.PREFIX, EmbeddedLakebaseProperties.class);
    Optional<String> realSetting = firstPresent(environment, REAL_WORKSPACE_SETTINGS);
    if (!settings.enabled() || realSetting.isPresent()) {
      if (realSetting.isPresent() && firstPresent(environment, TARGET_SETTINGS).isEmpty()) {
        log.warn(realSetting.get() + " is set, so the embedded Lakebase emulator is not used,"
            + " but no Lakebase target is configured: set LAKEBASE_ENDPOINT (or lakebase.endpoint)"
            + " to projects/<project>/branches/<branch>/endpoints/<endpoint>, or lakebase.instance"
            + " for a Provisioned instance");
      }
      return;
    }
    LakebaseEmulator emulator = start(settings);
    environment.getPropertySources().addFirst(new EmbeddedLakebase.EmulatorPropertySource(emulator));
    // On a normal shutdown the emulator bean closes it; if start-up fails, nothing else would.
    application.addListeners((ApplicationFailedEvent event) -> emulator.close());
    log.info("No Lakebase or Databricks settings found: using the embedded Lakebase emulator"
        + " (endpoint " + emulator.defaultEndpoint().name() + ", workspace API "
        + emulator.workspaceUrl() + ", PostgreSQL proxy 127.0.0.1:" + emulator.port() + ", data "
        + (settings.dataDir() != null ? "kept in " + settings.dataDir() : "discarded on exit")
        + "). To use a real Lakebase endpoint, set DATABRICKS_HOST with its auth (e.g."
        + " DATABRICKS_TOKEN or a profile) and LAKEBASE_ENDPOINT=projects/<p>/branches/<b>"
        + "/endpoints/<e>, or the equivalent lakebase.* properties.");
  }

  private static LakebaseEmulator start(EmbeddedLakebaseProperties settings) {
    // The context closes the emulator after the application's graceful shutdown (e.g. the
    // ingest app's final flush), so it must not stop itself on JVM exit before that.
    LakebaseEmulator.Builder builder = LakebaseEmulator.builder()
        .shutdownHook(false)
        .tokenLifetime(settings.tokenLifetime())
        .postgresPort(settings.postgresPort())
        .workspacePort(settings.workspacePort());
    if (settings.dataDir() != null) {
      builder.dataDirectory(settings.dataDir());
    }
    LakebaseEmulator emulator = builder.start();
    WakeBehaviour wake = WakeBehaviour.hold(settings.wakeDelay());
    for (EmulatedCompute compute : emulator.computes()) {
      compute.wakeBehaviour(wake);
    }
    return emulator;
  }

  private static Optional<String> firstPresent(ConfigurableEnvironment environment,
      List<String> names) {
    return names.stream().filter(name -> StringUtils.hasText(environment.getProperty(name)))
        .findFirst();
  }
}
