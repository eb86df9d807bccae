package dev.lakebase.jdbc.doctor;

/** The outcome of one step. */
public enum CheckStatus {
  /** The step worked. */
  PASS,
  /** The step worked, but something will likely cause trouble (the report says what). */
  WARN,
  /** The step failed; its result names the cause and the fix. */
  FAIL,
  /** The step did not run: not needed by this configuration, or an earlier step it needs failed. */
  SKIP;

  /**
   * Whether the step counts as passed for the exit code.
   *
   * @return {@code true} unless {@link #FAIL}
   */
  public boolean ok() {
    return this != FAIL;
  }
}
