package dev.lakebase.jdbc;

import java.util.Locale;

/** TLS modes; Lakebase requires TLS, so {@link #DISABLE} is only for plain PostgreSQL. */
public enum SslMode {
  /** No TLS: only with a static password (plain PostgreSQL). */
  DISABLE("disable"),
  /** TLS without certificate checks (the default, as with libpq and Databricks Apps). */
  REQUIRE("require"),
  /** TLS, and the server certificate must be signed by {@code sslrootcert}. */
  VERIFY_CA("verify-ca"),
  /** TLS, the certificate must be signed by {@code sslrootcert} and match the host name. */
  VERIFY_FULL("verify-full");

  private final String pgValue;

  SslMode(String pgValue) {
    this.pgValue = pgValue;
  }

  /**
   * The value pgjdbc and libpq use.
   *
   * @return e.g. {@code verify-full}
   */
  public String pgValue() {
    return pgValue;
  }

  /**
   * Parses a mode, case-insensitively, accepting {@code verify_full} for {@code verify-full}.
   *
   * @param text the value
   * @return the mode
   * @throws LakebaseConfigException naming {@code sslmode} if the value is unknown
   */
  public static SslMode parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (SslMode mode : values()) {
      if (mode.pgValue.equals(value)) {
        return mode;
      }
    }
    throw new LakebaseConfigException(
        "sslmode",
        "sslmode '" + text + "' is not supported: use require (default), verify-ca, verify-full,"
            + " or disable (plain PostgreSQL only)");
  }
}
