package dev.lakebase.jdbc.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A database login credential: a token used as the password, and its expiry.
 *
 * <p>{@link #toString()} never shows the token, and equality is identity-based so that the token
 * cannot leak through collections or assertion messages either.
 */
public final class DatabaseCredential {

  private final String token;
  private final Instant expiresAt;

  /**
   * Creates a credential.
   *
   * @param token the token used as the login password
   * @param expiresAt when the token stops being accepted at login
   */
  public DatabaseCredential(String token, Instant expiresAt) {
    this.token = Objects.requireNonNull(token, "token");
    this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    if (token.isEmpty()) {
      throw new IllegalArgumentException("token must not be empty");
    }
  }

  /**
   * Returns the token. Never log it.
   *
   * @return the token
   */
  public String token() {
    return token;
  }

  /**
   * Returns when the token stops being accepted at login.
   *
   * @return the expiry instant
   */
  public Instant expiresAt() {
    return expiresAt;
  }

  @Override
  public String toString() {
    return "DatabaseCredential[token=<redacted>, expiresAt=" + expiresAt + "]";
  }
}
