package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.FailureKind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A classified connect failure: what kind it is, whether retrying can help, and a short redacted
 * description for messages, logs and events.
 *
 * @param kind the kind
 * @param retryable whether another attempt within the budget may succeed
 * @param description redacted, e.g. {@code the database system is starting up (57P03)}
 * @param sqlState the server's or driver's SQLSTATE, or {@code null}
 * @param cause the original exception
 */
public record Failure(FailureKind kind, boolean retryable, String description, String sqlState,
    Throwable cause) {

  private static final Set<String> AUTHENTICATION_STATES = Set.of("28P01", "28000");
  /** Lakebase/Neon wording for a compute that is suspended, starting or waking. */
  private static final Pattern COLD_START_MESSAGE =
      Pattern.compile("(?i).*\\b(suspended|starting up|is starting|waking|wake up|compute is not"
          + " ready|compute node).*");

  /**
   * Classifies a failure of one connect attempt.
   *
   * @param e what the attempt threw
   * @param secrets secrets to redact from the description (the token used)
   * @return the classification
   */
  public static Failure classify(Throwable e, String... secrets) {
    if (e instanceof CredentialException ce) {
      return new Failure(FailureKind.CREDENTIAL_UNAVAILABLE, ce.isTransient(),
          Secrets.redact(ce.getMessage(), secrets), null, e);
    }
    if (e instanceof SQLException se) {
      return classifySql(se, secrets);
    }
    return fromCause(e, null, Secrets.redact(String.valueOf(e.getMessage()), secrets));
  }

  private static Failure classifySql(SQLException e, String... secrets) {
    return classifyServerError(e.getSQLState(), serverMessage(e), e, secrets);
  }

  /**
   * Classifies a failure reported with a SQLSTATE and a message by a driver other than pgjdbc
   * (e.g. an R2DBC driver): the same rules as for pgjdbc's exceptions, network failures found
   * among the causes of {@code e}.
   *
   * @param state the SQLSTATE, or {@code null}
   * @param message the server's (or driver's) message
   * @param e the driver's exception, may be {@code null}
   * @param secrets secrets to redact from the description (the token used)
   * @return the classification
   */
  public static Failure classifyServerError(String state, String message, Throwable e,
      String... secrets) {
    message = String.valueOf(message);
    String described = Secrets.redact(message, secrets) + (state == null ? "" : " (" + state
        + ")");
    if (state != null && AUTHENTICATION_STATES.contains(state)) {
      return new Failure(FailureKind.AUTHENTICATION, true, described, state, e);
    }
    if ("57P03".equals(state) || COLD_START_MESSAGE.matcher(message).matches()) {
      return new Failure(FailureKind.COLD_START, true, described, state, e);
    }
    if ("57P01".equals(state)) {
      return new Failure(FailureKind.CONNECTION_RESET, true, described, state, e);
    }
    if ("53300".equals(state)) {
      return new Failure(FailureKind.CONNECTION_REFUSED, true, described, state, e);
    }
    return fromCause(e == null ? null : e.getCause(), state, described);
  }

  /** Network failures surface as causes of the driver's exception. */
  private static Failure fromCause(Throwable cause, String state, String described) {
    for (Throwable c = cause; c != null; c = c.getCause()) {
      if (c instanceof UnknownHostException) {
        return new Failure(FailureKind.DNS, true, described, state, cause);
      }
      if (c instanceof CertificateException) {
        break;
      }
      if (c instanceof ConnectException || c instanceof NoRouteToHostException) {
        return new Failure(FailureKind.CONNECTION_REFUSED, true, described, state, cause);
      }
      if (c instanceof SocketTimeoutException) {
        return new Failure(FailureKind.TIMEOUT, true, described, state, cause);
      }
      if (c instanceof EOFException || c instanceof SocketException
          || (c instanceof SSLException && isConnectionLoss(c))) {
        return new Failure(FailureKind.CONNECTION_RESET, true, described, state, cause);
      }
    }
    return new Failure(FailureKind.PERMANENT, false, described, state, cause);
  }

  private static boolean isConnectionLoss(Throwable ssl) {
    String m = String.valueOf(ssl.getMessage()).toLowerCase(Locale.ROOT);
    return m.contains("terminated the handshake") || m.contains("connection reset")
        || m.contains("closed") || m.contains("broken pipe");
  }

  private static String serverMessage(SQLException e) {
    if (e instanceof PSQLException pe) {
      ServerErrorMessage server = pe.getServerErrorMessage();
      if (server != null && server.getMessage() != null) {
        return server.getMessage();
      }
    }
    return String.valueOf(e.getMessage());
  }
}
