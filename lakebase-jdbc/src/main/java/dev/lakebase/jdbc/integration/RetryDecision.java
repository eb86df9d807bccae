package dev.lakebase.jdbc.integration;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/**
 * What to do after a failed physical attempt, as decided by {@link
 * ConnectAttempts#failed(ConnectFailure)}: retry after {@link #delay()}, or give up with {@link
 * #exception()}, the exception the JDBC side would throw (same message, same SQLSTATE).
 */
public final class RetryDecision {

  private final ConnectFailure failure;
  private final Duration delay;
  private final SQLException exception;

  RetryDecision(ConnectFailure failure, Duration delay, SQLException exception) {
    this.failure = failure;
    this.delay = delay;
    this.exception = exception;
  }

  /**
   * Whether to make another attempt.
   *
   * @return {@code true} to retry after {@link #delay()}
   */
  public boolean retry() {
    return exception == null;
  }

  /**
   * The backoff before the next attempt: exponential with jitter from {@code initialBackoff} to
   * {@code maxBackoff} (capped at 200 ms while the endpoint reports it is waking), zero for the
   * single immediate retry with a fresh token after a rejected login.
   *
   * @return the delay (meaningful when {@link #retry()})
   */
  public Duration delay() {
    return delay;
  }

  /**
   * The classified failure of the attempt.
   *
   * @return the failure
   */
  public ConnectFailure failure() {
    return failure;
  }

  /**
   * When giving up, the core's exception for the connect: a {@link
   * java.sql.SQLTransientConnectionException} ({@code 08001}) when the budget ran out on
   * transient failures ("Could not connect to ... within 30s (7 attempts, last failure: ...);
   * raise connectBudget or check the endpoint state"), a {@link
   * java.sql.SQLNonTransientConnectionException} for permanent failures, a {@link
   * java.sql.SQLInvalidAuthorizationSpecException} for a login rejected twice. Its message says
   * what to fix and holds no secret; its cause is the driver's exception.
   *
   * @return the exception, empty when retrying
   */
  public Optional<SQLException> exception() {
    return Optional.ofNullable(exception);
  }

  @Override
  public String toString() {
    return retry() ? "RetryDecision[retry in " + delay.toMillis() + " ms after " + failure + "]"
        : "RetryDecision[fail: " + exception.getMessage() + "]";
  }
}
