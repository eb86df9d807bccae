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
 * @param users further workspace users (e-mails) beside the default identity {@code
 *     dev@example.com} (which the application connects as), each with its own PostgreSQL role and
 *     the PAT {@code dapi-emulator-<local part>}: the signed-in users of per-user connections
 * @param printSettings print how psql, DBeaver, the SDK and Spring connect to this emulator (the
 *     standalone mode's settings, PAT and a token included) to standard output at start, for
 *     looking into a dev-time run's database; never logged
 */
@ConfigurationProperties(LakebaseEmulatorProperties.PREFIX)
public record LakebaseEmulatorProperties(
    Path dataDir,
    @DefaultValue("1h") Duration tokenLifetime,
    @DefaultValue("300ms") Duration wakeDelay,
    @DefaultValue("0") int postgresPort,
    @DefaultValue("0") int workspacePort,
    String endpoint,
    java.util.List<String> users,
    @DefaultValue("false") boolean printSettings) {

  /**
   * Replaces an absent user list by an empty one.
   *
   * @param dataDir see {@link #dataDir()}
   * @param tokenLifetime see {@link #tokenLifetime()}
   * @param wakeDelay see {@link #wakeDelay()}
   * @param postgresPort see {@link #postgresPort()}
   * @param workspacePort see {@link #workspacePort()}
   * @param endpoint see {@link #endpoint()}
   * @param users see {@link #users()}
   * @param printSettings see {@link #printSettings()}
   */
  public LakebaseEmulatorProperties {
    users = users == null ? java.util.List.of() : java.util.List.copyOf(users);
  }

  /** Prefix of these settings. */
  public static final String PREFIX = "lakebase-emulator";
}
