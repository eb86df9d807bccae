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
 */
public record MintEvent(
    String target,
    String identity,
    boolean success,
    boolean background,
    Duration latency,
    Instant expiresAt,
    String failure) {}
