package dev.lakebase.examples.support;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the examples' embedded default ({@code examples.embedded.*}). Read before the
 * application context exists, when the emulator is started.
 *
 * @param enabled start the emulator when no Lakebase or Databricks setting is present; {@code
 *     false} never starts it
 * @param dataDir directory that keeps the embedded PostgreSQL data between runs; a temporary
 *     directory deleted on shutdown when unset
 * @param tokenLifetime lifetime of the database tokens the emulator mints
 * @param wakeDelay how long a login waits while a suspended endpoint wakes (a realistic cold
 *     start)
 * @param postgresPort port of the emulator's PostgreSQL proxy; 0 picks a free port
 * @param workspacePort port of the emulator's workspace API; 0 picks a free port
 */
@ConfigurationProperties(EmbeddedLakebaseProperties.PREFIX)
public record EmbeddedLakebaseProperties(
    @DefaultValue("true") boolean enabled,
    Path dataDir,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue("300ms") Duration wakeDelay,
    @DefaultValue("0") int postgresPort,
    @DefaultValue("0") int workspacePort) {

  /** Prefix of these settings. */
  public static final String PREFIX = "examples.embedded";
}
