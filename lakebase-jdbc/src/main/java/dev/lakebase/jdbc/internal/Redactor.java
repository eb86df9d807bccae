package dev.lakebase.jdbc.internal;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that may echo them (driver and server messages, SDK errors) before it
 * reaches a log line, an exception message or an event.
 */
public final class Redactor {

  /** What replaces a secret. */
  public static final String REDACTED = "<redacted>";

  /** JWT-shaped tokens (Lakebase credentials and OAuth access tokens) and Databricks PATs. */
  private static final Pattern SECRET_SHAPED =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)?|dapi[A-Za-z0-9-]{8,}");

  private Redactor() {}

  /**
   * Redacts JWT-shaped strings, PAT-shaped strings and the given known secrets.
   *
   * @param text the text, may be {@code null}
   * @param secrets secrets known to the caller (e.g. the current token); {@code null}s are ignored
   * @return the text without secrets, or {@code null} for {@code null}
   */
  public static String redact(String text, String... secrets) {
    if (text == null) {
      return null;
    }
    String result = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        result = result.replace(secret, REDACTED);
      }
    }
    return SECRET_SHAPED.matcher(result).replaceAll(REDACTED);
  }

  /**
   * A copy of an exception chain from code we do not control (custom credential providers),
   * with redacted messages and the original stack traces, safe to attach as a cause.
   *
   * @param t the exception, may be {@code null}
   * @return the sanitized chain, or {@code null} for {@code null}
   */
  public static Throwable sanitize(Throwable t) {
    return sanitize(t, 0);
  }

  private static Throwable sanitize(Throwable t, int depth) {
    if (t == null || depth > 16) {
      return null;
    }
    Throwable copy = new RedactedException(t.getClass().getName() + ": " + redact(t.getMessage()),
        sanitize(t.getCause(), depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** Stands in for an exception whose message may have held a secret. */
  static final class RedactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RedactedException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
