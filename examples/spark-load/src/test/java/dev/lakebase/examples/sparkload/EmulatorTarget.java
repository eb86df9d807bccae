package dev.lakebase.examples.sparkload;

import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The job's target on a local Lakebase emulator started here (test scope: the job's runtime
 * class path has no emulator). Workspace auth goes in as driver options, the way executors get
 * it without environment variables; Spark still sees only {@code jdbc:lakebase:} options.
 */
final class EmulatorTarget {

  static final String ENDPOINT = "projects/demo/branches/main/endpoints/primary";

  private EmulatorTarget() {}

  /**
   * Starts an emulator with one endpoint.
   *
   * @param tokenLifetime lifetime of the tokens it mints
   * @return the target, which closes the emulator
   */
  static Target start(Duration tokenLifetime) {
    return of(LakebaseEmulator.builder().endpoint(ENDPOINT).tokenLifetime(tokenLifetime).start());
  }

  /**
   * The target on a running emulator, closed with the target.
   *
   * @param emulator the emulator
   * @return the target
   */
  static Target of(LakebaseEmulator emulator) {
    EmulatorHosts.emulator = emulator;
    Map<String, String> options = new LinkedHashMap<>();
    options.put("driver", Target.LAKEBASE_DRIVER);
    options.put("url", "jdbc:lakebase:" + ENDPOINT);
    // The emulator's workspace URL and PAT (Spark redacts databricksToken in its UI).
    options.put("databricksHost", emulator.workspaceUrl());
    options.put("databricksAuthType", "pat");
    options.put("databricksToken", emulator.patFor(emulator.defaultUser()));
    // The emulator's host names are not in DNS, and its proxy listens on its own port.
    options.put("port", String.valueOf(emulator.port()));
    options.put("hostResolver", EmulatorHosts.class.getName());
    return new Target(options, "local emulator (" + ENDPOINT + ", tokens live "
        + emulator.tokenLifetime() + ")", () -> staticTokenOptions(emulator),
        () -> printLogins(emulator), emulator);
  }

  /**
   * Plain pgjdbc with one static password minted now. No SNI to 127.0.0.1, so the endpoint is
   * named by Neon's {@code options=endpoint=} convention.
   */
  private static Map<String, String> staticTokenOptions(LakebaseEmulator e) {
    String host = e.defaultEndpoint().host();
    Map<String, String> pg = new LinkedHashMap<>();
    pg.put("url", "jdbc:postgresql://127.0.0.1:" + e.port() + "/" + e.database()
        + "?sslmode=require&options="
        + URLEncoder.encode("endpoint=" + host.substring(0, host.indexOf('.')),
            StandardCharsets.UTF_8));
    pg.put("driver", "org.postgresql.Driver");
    pg.put("user", e.defaultUser());
    pg.put("password", e.mintToken(ENDPOINT, e.defaultUser()));
    return pg;
  }

  private static void printLogins(LakebaseEmulator emulator) {
    Map<Boolean, Long> logins = emulator.counters().logins().stream()
        .collect(Collectors.partitioningBy(LoginRecord::accepted, Collectors.counting()));
    long tokens = emulator.counters().logins().stream().filter(LoginRecord::accepted)
        .map(LoginRecord::tokenFingerprint).distinct().count();
    System.out.printf("emulator: %d logins accepted with %d distinct token(s), %d rejected,"
            + " %d mint(s)%n", logins.get(true), tokens, logins.get(false),
        emulator.counters().mints());
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
