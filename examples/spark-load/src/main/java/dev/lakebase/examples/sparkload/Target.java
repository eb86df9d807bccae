package dev.lakebase.examples.sparkload;

import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where the job reads and writes: a real Lakebase endpoint when {@code LAKEBASE_ENDPOINT} is set
 * (workspace auth from Databricks unified auth: {@code DATABRICKS_*} variables or a profile), the
 * embedded emulator otherwise (workspace auth as driver options). Either way Spark only sees
 * {@code jdbc:lakebase:} options.
 */
final class Target implements AutoCloseable {

  static final String LAKEBASE_DRIVER = "dev.lakebase.jdbc.LakebaseDriver";
  private static final String EMULATOR_ENDPOINT = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;
  private final Map<String, String> options;

  private Target(LakebaseEmulator emulator, Map<String, String> options) {
    this.emulator = emulator;
    this.options = options;
  }

  /**
   * The target named by the environment.
   *
   * @param env the process environment
   * @param tokenLifetime the emulator's token lifetime (ignored for a real endpoint)
   * @return the target
   */
  static Target fromEnvironment(Map<String, String> env, Duration tokenLifetime) {
    String endpoint = env.get("LAKEBASE_ENDPOINT");
    Map<String, String> options = new LinkedHashMap<>();
    options.put("driver", LAKEBASE_DRIVER);
    if (endpoint != null && !endpoint.isBlank()) {
      options.put("url", "jdbc:lakebase:" + endpoint);
      return new Target(null, options);
    }
    LakebaseEmulator emulator = LakebaseEmulator.builder()
        .endpoint(EMULATOR_ENDPOINT)
        .tokenLifetime(tokenLifetime)
        .start();
    EmulatorHosts.emulator = emulator;
    options.put("url", "jdbc:lakebase:" + EMULATOR_ENDPOINT);
    // Workspace auth as driver options, the way executors get it without environment variables:
    // the emulator's workspace URL and PAT (Spark redacts databricksToken in its UI).
    options.put("databricksHost", emulator.workspaceUrl());
    options.put("databricksAuthType", "pat");
    options.put("databricksToken", emulator.patFor(emulator.defaultUser()));
    // The emulator's host names are not in DNS, and its proxy listens on its own port.
    options.put("port", String.valueOf(emulator.port()));
    options.put("hostResolver", EmulatorHosts.class.getName());
    return new Target(emulator, options);
  }

  /** Spark options for {@code jdbc:lakebase:} (url, driver and connection settings). */
  Map<String, String> options() {
    return new LinkedHashMap<>(options);
  }

  /**
   * Spark options for plain pgjdbc with one static password minted now: the baseline of the
   * throughput comparison (emulator only). No SNI to 127.0.0.1, so the endpoint is named by
   * Neon's {@code options=endpoint=} convention.
   */
  Map<String, String> staticTokenOptions() {
    LakebaseEmulator e = emulator().orElseThrow(
        () -> new IllegalStateException("the pgjdbc baseline runs on the embedded emulator only"));
    String host = e.defaultEndpoint().host();
    Map<String, String> pg = new LinkedHashMap<>();
    pg.put("url", "jdbc:postgresql://127.0.0.1:" + e.port() + "/" + e.database()
        + "?sslmode=require&options="
        + URLEncoder.encode("endpoint=" + host.substring(0, host.indexOf('.')),
            StandardCharsets.UTF_8));
    pg.put("driver", "org.postgresql.Driver");
    pg.put("user", e.defaultUser());
    pg.put("password", e.mintToken(EMULATOR_ENDPOINT, e.defaultUser()));
    return pg;
  }

  Optional<LakebaseEmulator> emulator() {
    return Optional.ofNullable(emulator);
  }

  String describe() {
    return emulator == null ? options.get("url")
        : "embedded emulator (" + EMULATOR_ENDPOINT + ", tokens live " + emulator.tokenLifetime()
            + ")";
  }

  @Override
  public void close() {
    if (emulator != null) {
      emulator.close();
    }
  }

  /** Resolves the emulator's host names (named by class in the options). */
  public static final class EmulatorHosts implements HostResolver {
    static volatile LakebaseEmulator emulator;

    /** Created by the driver from the {@code hostResolver} option. */
    public EmulatorHosts() {}

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return emulator.dns().resolve(host);
    }
  }
}
