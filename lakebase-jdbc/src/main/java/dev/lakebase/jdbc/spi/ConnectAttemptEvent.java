package dev.lakebase.jdbc.spi;

import java.time.Duration;

/**
 * The outcome of one physical connect attempt.
 *
 * @param target the configured target description
 * @param host the endpoint host name, or {@code null} when it was not known yet
 * @param attempt 1-based attempt number within one {@code getConnection()}
 * @param outcome success, retrying, or failed for good
 * @param failureKind why the attempt failed, {@code null} on success
 * @param elapsed time since {@code getConnection()} began
 * @param failure redacted failure description, {@code null} on success
 */
public record ConnectAttemptEvent(
    String target,
    String host,
    int attempt,
    Outcome outcome,
    FailureKind failureKind,
    Duration elapsed,
    String failure) {

  /** What happened after the attempt. */
  public enum Outcome {
    /** The connection was opened. */
    SUCCESS,
    /** The attempt failed and another one follows. */
    RETRYING,
    /** The attempt failed and {@code getConnection()} gives up. */
    FAILED
  }
}
