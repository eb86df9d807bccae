package dev.lakebase.r2dbc;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.testkit.LakebaseEmulator;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Shared setup of the emulator-backed tests: the real SDK client and configs pointing at it. */
final class R2dbcTests {

  static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  /** Generous: these machines are shared; nothing asserts durations this close. */
  static final Duration WAIT = Duration.ofSeconds(30);

  private static final Map<String, WorkspaceClient> CLIENTS = new ConcurrentHashMap<>();

  private R2dbcTests() {}

  /** Every test starts from a clean emulator and a cold process-wide credential cache. */
  static void fresh(LakebaseEmulator emulator) {
    emulator.reset();
    LakebaseRuntime.reset();
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

  /** The first column of the first row of a query, as a string. */
  static Mono<String> query(Connection c, String sql) {
    return Flux.from(c.createStatement(sql).execute())
        .flatMap(r -> r.map((row, meta) -> String.valueOf(row.get(0))))
        .next();
  }

  /** Opens a connection, runs a query, closes the connection. */
  static Mono<String> queryOnce(ConnectionFactory factory, String sql) {
    return Mono.usingWhen(factory.create(), c -> query(c, sql), Connection::close);
  }
}
