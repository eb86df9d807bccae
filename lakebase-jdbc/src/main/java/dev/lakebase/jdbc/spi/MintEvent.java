package dev.lakebase.jdbc.spi;

import java.time.Duration;
import java.time.Instant;

/**
 * The outcome of one credential mint.
 *
 * @param target what the credential is for, e.g. "Autoscaling endpoint projects/p/branches/b/endpoints/e"
 * @param identity the identity the credential is minted for
 * @param success whether a credential was minted
 * @param background whether the mint was a refresh ahead of expiry that no connect waited on
 * @param latency how long the mint took
 * @param expiresAt expiry of the new credential, {@code null} on failure
 * @param failure redacted failure description, {@code null} on success
 * @param transientFailure whether the failure may go away on a later try (HTTP 429/5xx, I/O);
 *     {@code false} on success and for failures that need a fix (permissions, unknown target)
 */
public record MintEvent(
    String target,
    String identity,
    boolean success,
    boolean background,
    Duration latency,
    Instant expiresAt,
    String failure,
    boolean transientFailure) {

  /**
   * The event without the failure's transience (treated as permanent), as before that component.
   *
   * @param target what the credential is for
   * @param identity the identity the credential is minted for
   * @param success whether a credential was minted
   * @param background whether the mint was a refresh ahead of expiry
   * @param latency how long the mint took
   * @param expiresAt expiry of the new credential, {@code null} on failure
   * @param failure redacted failure description, {@code null} on success
   */
  public MintEvent(String target, String identity, boolean success, boolean background,
      Duration latency, Instant expiresAt, String failure) {
    this(target, identity, success, background, latency, expiresAt, failure, false);
  }
}
