package dev.lakebase.jdbc.doctor;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.internal.DoctorRun;
import dev.lakebase.jdbc.internal.LakebaseUrl;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Checks a Lakebase connection step by step and says, for a step that fails, the cause and the
 * fix: configuration, workspace reachability and authentication, identity, endpoint (or instance)
 * lookup and state, DNS (the JDK lookup and a direct query), TCP, TLS (certificate, host name,
 * SNI), credential mint, login, {@code SELECT 1} and server version. A suspended endpoint that
 * wakes is a pass, reported as a cold start with its wake time.
 *
 * <pre>{@code
 * DoctorReport report = LakebaseDoctor.forUrl("jdbc:lakebase:projects/p/branches/b/endpoints/e"
 *     + "?databricksProfile=my-profile").run();
 * System.out.print(report.toText());
 * }</pre>
 *
 * <p>The command line is the all-in-one driver jar: {@code java -jar lakebase-jdbc-all-<version>.jar
 * doctor [--json] [--print-token] '<jdbc:lakebase: URL>' [key=value ...]}. Neither the report nor
 * any exception contains a token or a secret; only {@link #keepToken(boolean)} (the command line's
 * {@code --print-token}) hands out the minted token.
 */
public final class LakebaseDoctor {

  private final Supplier<LakebaseConfig> configuration;
  private final String described;
  private boolean keepToken;

  private LakebaseDoctor(Supplier<LakebaseConfig> configuration, String described) {
    this.configuration = configuration;
    this.described = described;
  }

  /**
   * A doctor for a configuration built in code (its workspace client, host resolver and
   * credential provider are used as a connect would use them).
   *
   * @param config the configuration
   * @return the doctor
   */
  public static LakebaseDoctor forConfig(LakebaseConfig config) {
    Objects.requireNonNull(config, "config");
    return new LakebaseDoctor(() -> config, config.describeTarget());
  }

  /**
   * A doctor for a {@code jdbc:lakebase:} URL, read the way {@code LakebaseDriver} reads it: URL
   * parameters, then the process environment ({@code LAKEBASE_*}, {@code PG*}).
   *
   * @param url the URL
   * @return the doctor
   */
  public static LakebaseDoctor forUrl(String url) {
    return forUrl(url, new Properties(), System.getenv());
  }

  /**
   * A doctor for a {@code jdbc:lakebase:} URL with driver properties and an environment, in the
   * driver's precedence: URL parameters, then properties, then environment. A URL that does not
   * parse is reported by the configuration check, not thrown.
   *
   * @param url the URL
   * @param info driver properties (may be empty)
   * @param environment environment variables, e.g. {@code System.getenv()}
   * @return the doctor
   */
  public static LakebaseDoctor forUrl(String url, Properties info, Map<String, String> environment) {
    Objects.requireNonNull(url, "url");
    Properties copy = new Properties();
    copy.putAll(info);
    Map<String, String> env = Map.copyOf(environment);
    return new LakebaseDoctor(() -> LakebaseUrl.configFor(url, copy, env),
        DoctorRun.redactUrl(url));
  }

  /**
   * Whether {@link DoctorReport#token()} returns the minted token (off by default). Only for a
   * person who asked for it, e.g. to log in with {@code psql}: the token is a password.
   *
   * @param keep whether to keep it
   * @return this doctor
   */
  public LakebaseDoctor keepToken(boolean keep) {
    this.keepToken = keep;
    return this;
  }

  /**
   * Runs every check once. Takes about as long as one connect (the login waits for a suspended
   * endpoint within {@code connectBudget}).
   *
   * @return the report
   */
  public DoctorReport run() {
    DoctorRun.Outcome o = DoctorRun.run(configuration, described, keepToken);
    return new DoctorReport(o.target(), o.results(), o.total(), o.coldStart(), o.libpq(),
        o.token());
  }

  /**
   * The command line: {@code doctor [--json] [--print-token] <jdbc:lakebase: URL | key=value>
   * [key=value ...]}. Exits with 0 when every check passed, 1 when one failed, 2 on a usage
   * error.
   *
   * @param args the arguments
   */
  public static void main(String... args) {
    if (!List.of(args).contains("--verbose")) {
      // In the all-in-one jar the SDK's and the driver's logs go to java.util.logging, whose
      // console handler would mix them into the report: the report says what matters.
      Logger root = Logger.getLogger("");
      root.setLevel(Level.SEVERE);
      for (Handler h : root.getHandlers()) {
        h.setLevel(Level.SEVERE);
      }
    }
    System.exit(DoctorCommand.run(args, System.out, System.err, System.getenv()));
  }
}
