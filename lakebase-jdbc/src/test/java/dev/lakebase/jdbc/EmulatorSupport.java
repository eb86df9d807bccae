package dev.lakebase.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/** Shared setup of the emulator-backed tests: the real SDK client and a config pointing at it. */
final class EmulatorSupport {

  static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  static final String REPLICA = "projects/demo/branches/main/endpoints/replica";
  static final String INSTANCE = "demo-instance";
  /** The Databricks config profile the driver and plugin tests use (see the surefire config). */
  static final String PROFILE = "lakebase-test";
  /** Generous: these machines are shared; nothing asserts durations. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Map<String, WorkspaceClient> CLIENTS = new ConcurrentHashMap<>();

  private EmulatorSupport() {}

  /** Every test starts from a clean emulator and a cold process-wide credential cache. */
  static void fresh(LakebaseEmulator emulator) {
    emulator.reset();
    LakebaseRuntime.reset();
    EmulatorDnsResolver.emulator = emulator;
  }

  /** The real Databricks SDK client, authenticated with the default identity's PAT. */
  static WorkspaceClient workspace(LakebaseEmulator emulator) {
    return CLIENTS.computeIfAbsent(emulator.workspaceUrl(), url -> new WorkspaceClient(
        new DatabricksConfig().setHost(url).setToken(emulator.patFor(emulator.defaultUser()))));
  }

  /** A config for the default endpoint through the emulator's DNS and port. */
  static LakebaseConfig.Builder config(LakebaseEmulator emulator) {
    return LakebaseConfig.builder()
        .endpoint(PRIMARY)
        .workspaceClient(workspace(emulator))
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .connectBudget(Duration.ofSeconds(20));
  }

  /**
   * Writes the profile {@link #PROFILE} (workspace URL + PAT) into the file named by
   * DATABRICKS_CONFIG_FILE, so that Databricks unified auth inside the library finds it.
   */
  static synchronized void writeProfile(LakebaseEmulator emulator) {
    String file = System.getenv("DATABRICKS_CONFIG_FILE");
    assertThat(file).as("DATABRICKS_CONFIG_FILE is set by the surefire configuration")
        .isNotBlank();
    try {
      Files.writeString(Path.of(file), "[" + PROFILE + "]\nhost = " + emulator.workspaceUrl()
          + "\ntoken = " + emulator.patFor(emulator.defaultUser()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code getConnection()} expecting it to fail, and returns the failure. The wait is a
   * generous safety net (the connect budget bounds the call itself); nothing asserts its length.
   */
  static Exception connectFailure(LakebaseDataSource ds) throws Exception {
    CompletableFuture<Connection> attempt = CompletableFuture.supplyAsync(() -> {
      try {
        return ds.getConnection();
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    });
    ExecutionException failure = Assertions.assertThrows(ExecutionException.class,
        () -> attempt.get(WAIT.toSeconds(), TimeUnit.SECONDS));
    assertThat(failure.getCause()).isInstanceOf(SQLException.class);
    return (Exception) failure.getCause();
  }

  static int selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Resolves through the emulator's DNS; named by class in URL and property tests. */
  public static final class EmulatorDnsResolver implements HostResolver {
    static volatile LakebaseEmulator emulator;

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return emulator.dns().resolve(host);
    }
  }
}
