package dev.lakebase.jdbc.integration;

import dev.lakebase.jdbc.internal.ConnectFailures;
import java.sql.SQLException;

/**
 * Copies of connect failures for integrations that report one failure to several callers (a pool
 * failing its borrowers fast after a permanent failure): each caller gets its own exception with
 * its own stack trace, the same type, message, SQLSTATE and {@link
 * dev.lakebase.jdbc.LakebaseConnectFailure} details, and the original's cause, so no message is
 * repeated in one cause chain.
 */
public final class FailureCopies {

  private FailureCopies() {}

  /**
   * A copy of a connect failure.
   *
   * @param original the failure, e.g. a {@link dev.lakebase.jdbc.LakebaseConnectFailure}
   * @return the copy
   */
  public static SQLException copy(SQLException original) {
    return ConnectFailures.copy(original);
  }
}
