package dev.lakebase.testkit.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the human durations used by the annotation and the command line. */
public final class Durations {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {
  }

  /**
   * Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT10S}).
   *
   * @param text the duration text
   * @param setting the name of the setting, for the error message
   * @return the positive duration
   * @throws IllegalArgumentException naming the setting when the text is not a positive duration
   */
  public static Duration parse(String text, String setting) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    Duration parsed = null;
    Matcher m = SIMPLE.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      parsed = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else if (value.startsWith("p")) {
      try {
        parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        parsed = null;
      }
    }
    if (parsed == null || parsed.isZero() || parsed.isNegative()) {
      throw new IllegalArgumentException(setting + " '" + text
          + "' is not a positive duration: use e.g. 500ms, 10s, 2m, 1h or ISO-8601 PT10S");
    }
    return parsed;
  }
}
