package dev.lakebase.jdbc.doctor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of one step. Texts never contain a token or another secret.
 *
 * @param check the step
 * @param status its outcome
 * @param time how long it took ({@link Duration#ZERO} when skipped)
 * @param detail what was found, e.g. {@code ACTIVE, host ep-....database.cloud.databricks.com}
 * @param cause on failure (or warning), what went wrong, in plain words
 * @param fix on failure (or warning), what to do about it
 */
public record CheckResult(Check check, CheckStatus status, Duration time, String detail,
    Optional<String> cause, Optional<String> fix) {

  /**
   * Checks the fields.
   *
   * @param check the step
   * @param status its outcome
   * @param time how long it took
   * @param detail what was found
   * @param cause what went wrong, if anything
   * @param fix what to do about it, if anything
   */
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(time, "time");
    detail = detail == null ? "" : detail;
    cause = cause == null ? Optional.empty() : cause;
    fix = fix == null ? Optional.empty() : fix;
  }
}
