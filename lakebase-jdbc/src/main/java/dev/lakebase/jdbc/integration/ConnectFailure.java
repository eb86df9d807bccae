package dev.lakebase.jdbc.integration;

import dev.lakebase.jdbc.internal.Failure;
import dev.lakebase.jdbc.spi.FailureKind;

/**
 * A classified failure of one physical connect attempt, by the core's rules: what kind it is,
 * whether another attempt within the budget may succeed, and a short description that holds no
 * secret. Integration modules classify what their driver threw with {@link #classify} (JDBC,
 * network and credential exceptions) or {@link #serverError} (a driver reporting a SQLSTATE and a
 * message, such as R2DBC's), and hand the result to {@link ConnectAttempts#failed(ConnectFailure)}.
 *
 * @param kind the kind, e.g. {@link FailureKind#COLD_START} for {@code 57P03}
 * @param retryable whether another attempt within the budget may succeed
 * @param description redacted, e.g. {@code the database system is starting up (57P03)}
 * @param sqlState the server's or driver's SQLSTATE, or {@code null}
 * @param cause the original exception
 */
public record ConnectFailure(FailureKind kind, boolean retryable, String description,
    String sqlState, Throwable cause) {

  /**
   * Classifies what an attempt threw: a {@link java.sql.SQLException}, a {@link
   * dev.lakebase.jdbc.spi.CredentialException}, or a network exception ({@link
   * java.net.UnknownHostException}, {@link java.net.ConnectException}, {@link
   * java.net.SocketTimeoutException}, {@link java.io.EOFException}, ...) anywhere in the cause
   * chain.
   *
   * @param failure what the attempt threw
   * @param secrets secrets to redact from the description (the token the attempt used)
   * @return the classification
   */
  public static ConnectFailure classify(Throwable failure, String... secrets) {
    return of(Failure.classify(failure, secrets));
  }

  /**
   * Classifies a failure reported with a SQLSTATE and a message: {@code 28P01}/{@code 28000}
   * are {@link FailureKind#AUTHENTICATION}, {@code 57P03} and Lakebase's
   * suspended/starting/waking messages {@link FailureKind#COLD_START}, {@code 57P01} and {@code
   * 53300} transient; otherwise the causes of {@code failure} decide (network failures are
   * transient), and anything else is {@link FailureKind#PERMANENT}.
   *
   * @param sqlState the SQLSTATE, or {@code null}
   * @param message the server's or driver's message (redacted here)
   * @param failure the driver's exception, may be {@code null}
   * @param secrets secrets to redact from the description (the token the attempt used)
   * @return the classification
   */
  public static ConnectFailure serverError(String sqlState, String message, Throwable failure,
      String... secrets) {
    return of(Failure.classifyServerError(sqlState, message, failure, secrets));
  }

  static ConnectFailure of(Failure f) {
    return new ConnectFailure(f.kind(), f.retryable(), f.description(), f.sqlState(), f.cause());
  }

  Failure toCore() {
    return new Failure(kind, retryable, description, sqlState, cause);
  }

  @Override
  public String toString() {
    return "ConnectFailure[" + kind + (retryable ? ", retryable" : "") + ": " + description + "]";
  }
}
