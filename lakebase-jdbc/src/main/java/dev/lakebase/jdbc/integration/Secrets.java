package dev.lakebase.jdbc.integration;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The SDK's rules for secrets, shared by every module: which property names hold a secret, and how
 * text that may echo one (driver and server messages, SDK errors, custom providers' exceptions) is
 * cleaned before it reaches a log line, an exception message, an event or a {@code toString()}.
 */
public final class Secrets {

  /** What replaces a secret. */
  public static final String REDACTED = "<redacted>";

  /** JWT-shaped tokens (Lakebase credentials and OAuth access tokens) and Databricks PATs. */
  private static final Pattern SECRET_SHAPED =
      Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]*)?|dapi[A-Za-z0-9-]{8,}");

  /** Name fragments that mark a property as secret, wherever they appear in the name. */
  private static final String[] SECRET_NAME_PARTS = {"pass", "secret", "token", "credential", "key"};

  private Secrets() {}

  /**
   * Whether a property name denotes a secret: it contains {@code pass}, {@code secret}, {@code
   * token}, {@code credential} or {@code key}, in any case ({@code password}, {@code
   * sslpassword}, {@code clientSecret}, {@code databricksToken}, {@code sslkey}, ...). Values of
   * such properties are never shown. Deliberately broad: hiding a harmless value costs little.
   *
   * @param name a property name, with or without prefix
   * @return {@code true} when the value must be hidden
   */
  public static boolean isSecretName(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String part : SECRET_NAME_PARTS) {
      if (lower.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The value to show for a property: {@link #REDACTED} for a secret name, else the value.
   *
   * @param name the property name
   * @param value the value
   * @return what may be shown
   */
  public static String shown(String name, String value) {
    return isSecretName(name) ? REDACTED : value;
  }

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
   * A copy of an exception chain from code we do not control (custom credential providers, driver
   * messages), with redacted messages and the original stack traces, safe to attach as a cause.
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
