package dev.lakebase.jdbc;

import dev.lakebase.jdbc.spi.FailureKind;
import java.util.Optional;

/**
 * Implemented by the {@link java.sql.SQLException}s with which a Lakebase connect gives up: tells
 * whether retrying can help and which setting to change. Pools use {@link #isPermanent()} to fail
 * borrowers at once instead of waiting out their connection timeout; Spring's failure analysis
 * names {@link #setting()}.
 *
 * <p>The exception's message says what is wrong and what to change; it never holds a secret.
 */
public interface LakebaseConnectFailure {

  /**
   * Whether another connect with the same configuration would fail the same way (unknown
   * endpoint, rejected workspace credentials, identity mismatch after the one re-mint, unknown
   * database, certificate failure, invalid configuration) rather than possibly succeed later
   * (DNS, refused, suspended endpoint, workspace HTTP 429/5xx when the budget ran out).
   *
   * @return {@code true} for a permanent failure
   */
  boolean isPermanent();

  /**
   * What failed.
   *
   * @return the kind of the last attempt's failure
   */
  FailureKind kind();

  /**
   * The configuration key to change, when one is to blame.
   *
   * @return e.g. {@link ConfigKey#ENDPOINT}, {@link ConfigKey#USER}, {@link
   *     ConfigKey#CONNECT_BUDGET}
   */
  Optional<ConfigKey> setting();

  /**
   * The message, as {@link Throwable#getMessage()}.
   *
   * @return what is wrong and what to change
   */
  String getMessage();

  /**
   * The first Lakebase connect failure in a cause chain (e.g. under a pool's or Spring's
   * exception).
   *
   * @param failure any throwable, may be {@code null}
   * @return the failure, if there is one
   */
  static Optional<LakebaseConnectFailure> find(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 64; t = t.getCause(), depth++) {
      if (t instanceof LakebaseConnectFailure f) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }
}
