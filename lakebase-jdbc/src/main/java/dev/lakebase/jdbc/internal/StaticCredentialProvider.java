package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A fixed password that never expires (plain PostgreSQL, native PostgreSQL roles). */
public final class StaticCredentialProvider implements CredentialProvider {

  /** Far enough that no refresh is ever scheduled, near enough for {@code Duration} math. */
  private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");

  private final DatabaseCredential credential;
  private final String cacheKey = "static|" + UUID.randomUUID();

  /**
   * Creates the provider.
   *
   * @param password the password
   */
  public StaticCredentialProvider(String password) {
    this.credential = new DatabaseCredential(Objects.requireNonNull(password, "password"), NEVER);
  }

  @Override
  public DatabaseCredential mint() {
    return credential;
  }

  @Override
  public String cacheKey() {
    return cacheKey;
  }

  @Override
  public String description() {
    return "static password";
  }

  @Override
  public String toString() {
    return "StaticCredentialProvider[password=<redacted>]";
  }
}
