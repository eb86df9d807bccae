package dev.lakebase.testkit.spring;

import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs a Spring Boot application on a local Lakebase emulator: starts a {@link LakebaseEmulator}
 * (a bean, closed with the context; tests {@code @Autowired} it to suspend endpoints, shorten
 * token lifetimes or read counters) and a {@link LakebaseConnectionDetails} bean that points the
 * Lakebase starter at it. Settings: {@link LakebaseEmulatorProperties} ({@code
 * lakebase-emulator.*}).
 *
 * <p>Two ways in, both keeping the emulator out of the production class path:
 *
 * <ul>
 *   <li>tests: {@link AutoConfigureLakebaseEmulator} on a {@code @SpringBootTest} (or {@code
 *       @Import(LakebaseEmulatorConfiguration.class)});
 *   <li>a dev-time run, Spring Boot's {@code spring-boot:test-run} idiom: a main class in {@code
 *       src/test/java} that runs {@code
 *       SpringApplication.from(App::main).with(LakebaseEmulatorConfiguration.class).run(args)}.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LakebaseEmulatorProperties.class)
public class LakebaseEmulatorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(LakebaseEmulatorConfiguration.class);
  /** The emulator's default identity, kept first (the application's) when users are added. */
  private static final String DEFAULT_IDENTITY = "dev@example.com";

  /** Called by Spring. */
  public LakebaseEmulatorConfiguration() {}

  /**
   * The emulator. The context closes it after the lifecycle stop (a graceful shutdown can still
   * write) and after the beans created after it: the pools, whose configuration needs the
   * connection details and so the emulator, and everything using them (singletons are destroyed
   * in reverse creation order). If the context fails to start, Spring closes it too.
   *
   * @param settings {@code lakebase-emulator.*}
   * @return the running emulator
   */
  @Bean(destroyMethod = "close")
  public LakebaseEmulator lakebaseEmulator(LakebaseEmulatorProperties settings) {
    LakebaseEmulator.Builder builder = LakebaseEmulator.builder()
        // The context closes it: a JVM shutdown hook could stop it before the application's
        // graceful shutdown has finished with the database.
        .shutdownHook(false)
        .tokenLifetime(settings.tokenLifetime())
        .postgresPort(settings.postgresPort())
        .workspacePort(settings.workspacePort());
    if (settings.endpoint() != null) {
      builder.endpoint(settings.endpoint());
    }
    if (settings.dataDir() != null) {
      builder.dataDirectory(settings.dataDir());
    }
    if (!settings.users().isEmpty()) {
      // The first identity is the one the application connects as: keep the default first.
      builder.user(DEFAULT_IDENTITY);
      settings.users().stream().map(String::trim).filter(u -> !u.isEmpty())
          .filter(u -> !u.equals(DEFAULT_IDENTITY)).distinct().forEach(builder::user);
    }
    LakebaseEmulator emulator = builder.start();
    WakeBehaviour wake = WakeBehaviour.hold(settings.wakeDelay());
    emulator.computes().forEach(compute -> compute.wakeBehaviour(wake));
    log.info("Lakebase emulator started for this application: endpoint {}, workspace API {},"
            + " PostgreSQL proxy 127.0.0.1:{}, data {}",
        target(emulator, settings).name(), emulator.workspaceUrl(), emulator.port(),
        settings.dataDir() != null ? "kept in " + settings.dataDir() : "discarded on close");
    if (settings.printSettings()) {
      // Standard output, not the log: the settings carry the emulator's PAT and a token.
      System.out.println(emulator.connectionSettings(target(emulator, settings)).print());
    }
    return emulator;
  }

  /**
   * Points the Lakebase starter at the emulator (over {@code lakebase.endpoint}, {@code
   * lakebase.port} and {@code lakebase.databricks.*}).
   *
   * @param emulator the emulator
   * @param settings {@code lakebase-emulator.*}
   * @return the connection details
   */
  @Bean
  public LakebaseConnectionDetails lakebaseEmulatorConnectionDetails(LakebaseEmulator emulator,
      LakebaseEmulatorProperties settings) {
    return new EmulatorConnectionDetails(emulator, target(emulator, settings));
  }

  private static EmulatedCompute target(LakebaseEmulator emulator,
      LakebaseEmulatorProperties settings) {
    return settings.endpoint() != null ? emulator.endpoint(settings.endpoint())
        : emulator.defaultEndpoint();
  }
}
