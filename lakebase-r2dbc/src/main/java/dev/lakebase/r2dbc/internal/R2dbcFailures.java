package dev.lakebase.r2dbc.internal;

import dev.lakebase.jdbc.integration.ConnectFailure;
import dev.lakebase.jdbc.integration.RetryDecision;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.FailureKind;
import io.r2dbc.postgresql.api.PostgresqlException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * Translates between r2dbc-postgresql's exceptions and the core's failure rules: what a failed
 * attempt threw becomes a {@link ConnectFailure} (so R2DBC retries exactly what JDBC retries), and
 * the core's final {@link SQLException} becomes the matching {@link R2dbcException} with the same
 * message and SQLSTATE.
 */
public final class R2dbcFailures {

  private R2dbcFailures() {}

  /**
   * Classifies what one attempt threw.
   *
   * @param e the failure
   * @param token the token the attempt used, redacted from descriptions
   * @return the classification
   */
  public static ConnectFailure classify(Throwable e, String token) {
    if (e instanceof R2dbcException re) {
      String message = e instanceof PostgresqlException pe && pe.getErrorDetails() != null
          ? pe.getErrorDetails().getMessage() : re.getMessage();
      ConnectFailure f = ConnectFailure.serverError(re.getSqlState(), message, e, token);
      if (f.kind() == FailureKind.PERMANENT && lostConnection(e)) {
        // The server (a suspending compute) or a middlebox closed the connection during login.
        return new ConnectFailure(FailureKind.CONNECTION_RESET, true, f.description(),
            f.sqlState(), e);
      }
      return f;
    }
    ConnectFailure f = ConnectFailure.classify(e, token);
    if (f.kind() == FailureKind.PERMANENT && lostConnection(e)) {
      return new ConnectFailure(FailureKind.CONNECTION_RESET, true, f.description(), null, e);
    }
    return f;
  }

  /**
   * Whether the TCP connect itself failed, so that the next resolved address is worth a try.
   *
   * @param e the failure
   * @return {@code true} for a refused or unreachable address
   */
  static boolean isTcpConnectFailure(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The R2DBC exception for the core's final exception: transient when the budget ran out on
   * transient failures, permission denied for a rejected login, non-transient otherwise. The
   * message and SQLSTATE are the core's; the cause is the driver's exception.
   *
   * @param decision the core's decision to give up
   * @return the exception to signal
   */
  public static R2dbcException toR2dbc(RetryDecision decision) {
    SQLException e = decision.exception().orElseThrow();
    Throwable cause = e.getCause() != null ? e.getCause() : decision.failure().cause();
    String message = Secrets.redact(e.getMessage());
    if (e instanceof SQLTransientConnectionException) {
      return new R2dbcTransientResourceException(message, e.getSQLState(), 0, cause);
    }
    if (e instanceof SQLInvalidAuthorizationSpecException) {
      return new R2dbcPermissionDeniedException(message, e.getSQLState(), 0, cause);
    }
    return new R2dbcNonTransientResourceException(message, e.getSQLState(), 0, cause);
  }

  /** r2dbc-postgresql reports a connection closed under it without a network exception. */
  private static boolean lostConnection(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ClosedChannelException
          || c.getClass().getName().endsWith("PrematureCloseException")) {
        return true;
      }
      String m = String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("connection closed") || m.contains("connection unexpectedly closed")
          || m.contains("connection reset") || m.contains("closed unexpectedly")) {
        return true;
      }
    }
    return false;
  }
}
