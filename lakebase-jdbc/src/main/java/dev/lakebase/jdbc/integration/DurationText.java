package dev.lakebase.jdbc.integration;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of every duration-valued setting of the SDK ({@code 500ms}, {@code 10s},
 * {@code 45m}, {@code 1h}, ISO-8601, or a bare number of milliseconds), so that all modules parse
 * and print durations the same way.
 */
public final class DurationText {

  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private DurationText() {}

  /**
   * Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1d}, ISO-8601 ({@code PT10S})
   * or a bare number of milliseconds.
   *
   * @param text the value
   * @return the duration
   * @throws IllegalArgumentException if the text is not a duration
   */
  public static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.startsWith("p") || value.startsWith("-p")) {
      try {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(invalid(text), e);
      }
    }
    Matcher m = SIMPLE.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException(invalid(text));
    }
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(invalid(text), e);
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  /**
   * Formats a duration the short way humans write it: {@code 30s}, {@code 1500ms}, {@code 15m}.
   *
   * @param d the duration
   * @return the text, parseable by {@link #parse(String)}
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0 && ms != 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms != 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  private static String invalid(String text) {
    return "'" + text + "' is not a duration: use e.g. 500ms, 10s, 2m, 1h, PT10S or a number of"
        + " milliseconds";
  }
}
