package dev.lakebase.pool;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseRuntime;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Shared setup of the emulator-backed tests: the real SDK client and configs pointing at it. */
final class PoolTests {

  static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  /** The Databricks config profile the Properties tests use (see the surefire configuration). */
  static final String PROFILE = "lakebase-pool-test";
  /** Generous: these machines are shared; nothing asserts durations. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Map<String, WorkspaceClient> CLIENTS = new ConcurrentHashMap<>();

  private PoolTests() {}

  /** Every test starts from a clean emulator and a cold process-wide credential cache. */
  static void fresh(LakebaseEmulator emulator) {
    emulator.reset();
    LakebaseRuntime.reset();
    EmulatorDns.emulator = emulator;
  }

  /** The real Databricks SDK client, authenticated with the default identity's PAT. */
  static WorkspaceClient workspace(LakebaseEmulator emulator) {
    return CLIENTS.computeIfAbsent(emulator.workspaceUrl(), url -> new WorkspaceClient(
        new DatabricksConfig().setHost(url).setToken(emulator.patFor(emulator.defaultUser()))));
  }

  /** A core config for the default endpoint through the emulator's DNS and port. */
  static LakebaseConfig.Builder core(LakebaseEmulator emulator) {
    return LakebaseConfig.builder()
        .endpoint(PRIMARY)
        .workspaceClient(workspace(emulator))
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .connectBudget(Duration.ofSeconds(20));
  }

  /** Pool settings of a type, named after it so that concurrent pools are told apart. */
  static LakebasePoolConfig.Builder pool(PoolType type) {
    return LakebasePoolConfig.builder().type(type)
        .poolName("test-" + type.name().toLowerCase(Locale.ROOT));
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

  static int selectOne(Connection c) throws SQLException {
    return Integer.parseInt(query(c, "select 1"));
  }

  static String query(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Resolves through the emulator's DNS; named by class in the Properties tests. */
  public static final class EmulatorDns implements HostResolver {
    static volatile LakebaseEmulator emulator;

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return emulator.dns().resolve(host);
    }
  }
}
