package dev.lakebase.pool;

import java.sql.SQLException;
import java.time.Instant;

/**
 * The last failed physical connect of a pool since its last successful one.
 *
 * @param at when the core reported it
 * @param failure the core's exception; its message says what is wrong and what to change, and
 *     holds no secret ({@link dev.lakebase.jdbc.LakebaseConnectFailure#find(Throwable)} gives the
 *     kind and the setting)
 * @param permanent whether it is a permanent failure, during which borrowers fail at once and
 *     the pool tries again only once per backoff period (1 s doubling up to 30 s)
 */
public record PoolConnectFailure(Instant at, SQLException failure, boolean permanent) {

  @Override
  public String toString() {
    return "PoolConnectFailure[" + at + (permanent ? ", permanent" : "") + ": "
        + failure.getMessage() + "]";
  }
}
