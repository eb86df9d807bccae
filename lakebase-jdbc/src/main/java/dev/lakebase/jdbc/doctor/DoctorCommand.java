package dev.lakebase.jdbc.doctor;

import dev.lakebase.jdbc.internal.LakebaseUrl;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code doctor} command line behind {@link LakebaseDoctor#main(String...)}: parses the
 * arguments, runs the checks and prints the report (text, or JSON with {@code --json}). With
 * {@code --print-token} the report goes to standard error and standard output gets only the
 * minted token, so that {@code PGPASSWORD="$(... doctor --print-token URL)"} works.
 */
final class DoctorCommand {

  static final String USAGE = String.join("\n",
      "Usage: java -jar lakebase-jdbc-all-<version>.jar doctor [options] <jdbc:lakebase: URL> [key=value ...]",
      "       java -jar lakebase-jdbc-all-<version>.jar doctor [options] key=value [key=value ...]",
      "",
      "Checks a Lakebase connection step by step: configuration, workspace, identity, endpoint,",
      "DNS, TCP, TLS, credential, login, select 1, server version. Settings are the driver's",
      "(URL parameters, then key=value arguments, then LAKEBASE_*/PG* environment variables;",
      "the workspace client uses Databricks unified auth: DATABRICKS_*, ~/.databrickscfg).",
      "",
      "Options:",
      "  --json         print the report as JSON",
      "  --print-token  print the minted database token on standard output (the report goes to",
      "                 standard error); the token is a password valid for up to an hour",
      "  --verbose      show the SDK's and the driver's log lines",
      "  --help         this text",
      "",
      "Exit code: 0 when every check passed, 1 when one failed, 2 on a usage error.");

  private DoctorCommand() {}

  /**
   * Runs the command.
   *
   * @param args the arguments (a leading {@code doctor} is optional)
   * @param out standard output
   * @param err standard error
   * @param environment the environment variables
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> environment) {
    boolean json = false;
    boolean printToken = false;
    String url = null;
    Properties settings = new Properties();
    List<String> rest = new ArrayList<>(List.of(args));
    if (!rest.isEmpty() && rest.get(0).equals("doctor")) {
      rest.remove(0);
    }
    for (String arg : rest) {
      switch (arg) {
        case "--json" -> json = true;
        case "--print-token" -> printToken = true;
        case "--verbose" -> { }
        case "--help", "-h" -> {
          out.println(USAGE);
          return 0;
        }
        default -> {
          if (arg.startsWith("--")) {
            err.println("Unknown option " + arg + "\n\n" + USAGE);
            return 2;
          }
          if (url == null && arg.regionMatches(true, 0, "jdbc:", 0, 5)) {
            if (!arg.regionMatches(true, 0, LakebaseUrl.PREFIX, 0, LakebaseUrl.PREFIX.length())) {
              err.println("Not a jdbc:lakebase: URL: "
                  + arg.substring(0, Math.min(arg.length(), 20)) + "...\n\n" + USAGE);
              return 2;
            }
            url = arg;
          } else if (arg.indexOf('=') > 0) {
            settings.setProperty(arg.substring(0, arg.indexOf('=')),
                arg.substring(arg.indexOf('=') + 1));
          } else {
            err.println("Expected a jdbc:lakebase: URL or key=value, not '" + arg + "'\n\n"
                + USAGE);
            return 2;
          }
        }
      }
    }
    if (url == null && settings.isEmpty()) {
      err.println(USAGE);
      return 2;
    }
    DoctorReport report = LakebaseDoctor.forUrl(url == null ? LakebaseUrl.PREFIX : url,
        settings, environment).keepToken(printToken).run();
    PrintStream reportTo = printToken ? err : out;
    reportTo.print(json ? report.toJson() : report.toText());
    reportTo.flush();
    if (printToken) {
      if (report.token().isPresent()) {
        out.println(report.token().get());
        err.println("The token above is a password for " + report.libpqSettings()
            .getOrDefault("user", "the workspace identity") + ", valid until it expires. psql:\n"
            + "  PGPASSWORD=\"$(java -jar lakebase-jdbc-all-<version>.jar doctor --print-token"
            + " '<URL>')\" psql \"" + libpq(report.libpqSettings()) + "\"");
      } else {
        err.println("No token was minted, so none is printed.");
      }
    }
    out.flush();
    return report.passed() ? 0 : 1;
  }

  private static String libpq(Map<String, String> settings) {
    StringBuilder b = new StringBuilder();
    for (String key : List.of("host", "port", "dbname", "user", "sslmode")) {
      String value = settings.get(key);
      if (value != null) {
        b.append(b.length() == 0 ? "" : " ").append(key).append('=').append(value);
      }
    }
    return b.toString();
  }
}
