package dev.lakebase.jdbc.doctor;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * What a doctor run found: one {@link CheckResult} per {@link Check}, in order. Neither the
 * texts nor {@link #toString()} contain a token or another secret; {@link #token()} is empty
 * unless the run was asked to keep the minted token ({@link LakebaseDoctor#keepToken(boolean)}).
 */
public final class DoctorReport {

  private final String target;
  private final List<CheckResult> results;
  private final Duration total;
  private final Optional<Duration> coldStart;
  private final Map<String, String> libpqSettings;
  private final Optional<String> token;

  DoctorReport(String target, List<CheckResult> results, Duration total,
      Optional<Duration> coldStart, Map<String, String> libpqSettings, Optional<String> token) {
    this.target = target;
    this.results = List.copyOf(results);
    this.total = total;
    this.coldStart = coldStart;
    this.libpqSettings = Map.copyOf(libpqSettings);
    this.token = token;
  }

  /**
   * What was checked.
   *
   * @return e.g. {@code Autoscaling endpoint projects/p/branches/b/endpoints/e}, or the redacted
   *     URL when the configuration did not parse
   */
  public String target() {
    return target;
  }

  /**
   * Every step's result, in the order of {@link Check}.
   *
   * @return the results
   */
  public List<CheckResult> results() {
    return results;
  }

  /**
   * One step's result.
   *
   * @param check the step
   * @return its result
   */
  public CheckResult result(Check check) {
    return results.stream().filter(r -> r.check() == check).findFirst().orElseThrow();
  }

  /**
   * Whether every step passed (warnings and skipped steps included); the command line's exit
   * code is 0 exactly then.
   *
   * @return {@code true} when no step failed
   */
  public boolean passed() {
    return results.stream().allMatch(r -> r.status().ok());
  }

  /**
   * The first step that failed.
   *
   * @return its result, or empty when all passed
   */
  public Optional<CheckResult> firstFailure() {
    return results.stream().filter(r -> r.status() == CheckStatus.FAIL).findFirst();
  }

  /**
   * How long the whole run took.
   *
   * @return the time
   */
  public Duration total() {
    return total;
  }

  /**
   * How long the login waited for a suspended endpoint to wake, when it did.
   *
   * @return the wait, or empty when the endpoint was awake (or the login failed)
   */
  public Optional<Duration> coldStart() {
    return coldStart;
  }

  /**
   * The libpq settings of the checked target as far as the run found them ({@code host}, {@code
   * port}, {@code dbname}, {@code user}, {@code sslmode}): enough for {@code psql} with a minted
   * token as its password.
   *
   * @return the settings (no password)
   */
  public Map<String, String> libpqSettings() {
    return libpqSettings;
  }

  /**
   * The minted database token, only when the run was asked to keep it. Treat it as a password:
   * it is valid for up to an hour.
   *
   * @return the token, or empty
   */
  public Optional<String> token() {
    return token;
  }

  /**
   * The report for people: one line per step with its status, time and detail, and for a failed
   * (or warned) step the cause and the fix.
   *
   * @return the text, ending with a summary line
   */
  public String toText() {
    StringBuilder out = new StringBuilder("Lakebase doctor: ").append(target).append('\n');
    int width = results.stream().mapToInt(r -> r.check().label().length()).max().orElse(0);
    for (CheckResult r : results) {
      String time = r.status() == CheckStatus.SKIP ? "" : millis(r.time());
      out.append(String.format(Locale.ROOT, "  %-4s  %-" + width + "s  %8s  %s%n",
          r.status(), r.check().label(), time, r.detail()));
      String indent = " ".repeat(18 + width);
      r.cause().ifPresent(c -> out.append(indent).append("cause: ").append(c).append('\n'));
      r.fix().ifPresent(f -> out.append(indent).append("fix:   ").append(f).append('\n'));
    }
    out.append(summary()).append('\n');
    return out.toString();
  }

  /**
   * The report for scripts, as one JSON object: {@code ok}, {@code target}, {@code totalMillis},
   * {@code coldStartMillis} (or {@code null}) and {@code checks}, an array of objects with {@code
   * check}, {@code status}, {@code millis}, {@code detail}, {@code cause} and {@code fix}.
   *
   * @return the JSON text
   */
  public String toJson() {
    StringJoiner checks = new StringJoiner(",\n    ", "[\n    ", "\n  ]");
    for (CheckResult r : results) {
      checks.add("{\"check\": " + quote(r.check().label())
          + ", \"status\": " + quote(r.status().name())
          + ", \"millis\": " + r.time().toMillis()
          + ", \"detail\": " + quote(r.detail())
          + ", \"cause\": " + r.cause().map(DoctorReport::quote).orElse("null")
          + ", \"fix\": " + r.fix().map(DoctorReport::quote).orElse("null") + "}");
    }
    return "{\n  \"ok\": " + passed()
        + ",\n  \"target\": " + quote(target)
        + ",\n  \"totalMillis\": " + total.toMillis()
        + ",\n  \"coldStartMillis\": " + coldStart.map(d -> Long.toString(d.toMillis()))
            .orElse("null")
        + ",\n  \"checks\": " + checks + "\n}\n";
  }

  /** The report's text; never the token. */
  @Override
  public String toString() {
    return toText();
  }

  private String summary() {
    long failed = count(CheckStatus.FAIL);
    long warned = count(CheckStatus.WARN);
    long skipped = count(CheckStatus.SKIP);
    long passedCount = count(CheckStatus.PASS);
    StringBuilder s = new StringBuilder();
    if (failed == 0) {
      s.append("All checks passed");
    } else {
      s.append(failed).append(failed == 1 ? " check failed (" : " checks failed (")
          .append(firstFailure().orElseThrow().check().label()).append(" first)");
    }
    s.append(": ").append(passedCount).append(" passed");
    if (warned > 0) {
      s.append(", ").append(warned).append(warned == 1 ? " warning" : " warnings");
    }
    if (skipped > 0) {
      s.append(", ").append(skipped).append(" skipped");
    }
    return s.append(", in ").append(millis(total)).toString();
  }

  private long count(CheckStatus status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  private static String millis(Duration d) {
    return d.toMillis() + " ms";
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
