package dev.lakebase.testkit;

import java.time.Instant;

/**
 * One login attempt seen by the emulator's PostgreSQL proxy (see {@link EmulatorCounters#logins()}).
 *
 * @param at when the password (or the refusal before it) was processed
 * @param computeName the compute the login was routed to, or {@code null} when it could not be routed
 * @param user the startup {@code user}
 * @param tokenFingerprint first 8 hex digits of the SHA-256 of the presented password, never the token
 *     itself; {@code null} when no password was presented
 * @param accepted whether the session was opened
 * @param reason why it was refused; {@code null} when accepted
 * @param tokenExpiresAt expiry of the presented token; {@code null} if the token is unknown
 */
public record LoginRecord(Instant at, String computeName, String user, String tokenFingerprint,
    boolean accepted, RejectReason reason, Instant tokenExpiresAt) {
}
