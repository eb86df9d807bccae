package dev.lakebase.testkit.spring;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the emulator that {@link LakebaseEmulatorConfiguration} starts ({@code
 * lakebase-emulator.*}), e.g. in a test's {@code @SpringBootTest(properties = ...)} or on a
 * dev-time run's command line.
 *
 * @param dataDir directory that keeps the embedded PostgreSQL data between runs; unset, a
 *     temporary directory deleted on close
 * @param tokenLifetime lifetime of the database tokens the emulator mints (tests of token
 *     rotation: a few seconds)
 * @param wakeDelay how long a login waits while a suspended endpoint wakes (a realistic cold
 *     start)
 * @param postgresPort port of the emulator's PostgreSQL proxy; 0 picks a free port
 * @param workspacePort port of the emulator's workspace API; 0 picks a free port
 * @param endpoint the endpoint the application connects to; unset, the emulator's default ({@code
 *     projects/demo/branches/main/endpoints/primary}), which is then the only one it emulates
 */
@ConfigurationProperties(LakebaseEmulatorProperties.PREFIX)
public record LakebaseEmulatorProperties(
    Path dataDir,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue("300ms") Duration wakeDelay,
    @DefaultValue("0") int postgresPort,
    @DefaultValue("0") int workspacePort,
    String endpoint) {

  /** Prefix of these settings. */
  public static final String PREFIX = "lakebase-emulator";
}
