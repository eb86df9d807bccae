package dev.lakebase.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of a shared credential cache, for health checks and metrics. Never contains the
 * token.
 *
 * @param target what the credential is for
 * @param identity the identity credentials are minted for, once known
 * @param expiresAt expiry of the current credential, if there is one
 * @param lastMintAt when the last successful mint happened
 * @param lastMintError redacted description of the last mint failure, cleared by a success
 * @param mints successful mints of the shared cache
 * @param mintFailures failed mints of the shared cache
 */
public record CredentialStatus(
    String target,
    Optional<String> identity,
    Optional<Instant> expiresAt,
    Optional<Instant> lastMintAt,
    Optional<String> lastMintError,
    long mints,
    long mintFailures) {

  /**
   * Time until the current credential expires (negative once expired).
   *
   * @return the time to expiry, empty when there is no credential
   */
  public Optional<Duration> timeToExpiry() {
    return expiresAt.map(e -> Duration.between(Instant.now(), e));
  }

  /**
   * Whether there is a credential that has not expired yet.
   *
   * @return {@code true} when a credential is cached and still valid
   */
  public boolean valid() {
    return expiresAt.map(e -> e.isAfter(Instant.now())).orElse(false);
  }
}
