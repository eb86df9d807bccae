package dev.lakebase.jdbc.spi;

/** Why a connect attempt failed. */
public enum FailureKind {
  /** The host name could not be resolved (retried). */
  DNS,
  /** The TCP connection was refused (retried). */
  CONNECTION_REFUSED,
  /** The connection was reset or closed during login (retried). */
  CONNECTION_RESET,
  /** The attempt did not finish within its time (retried). */
  TIMEOUT,
  /** The endpoint is suspended or starting up, e.g. SQLSTATE 57P03 (retried). */
  COLD_START,
  /** The server rejected the login (28P01/28000): retried once with a fresh credential. */
  AUTHENTICATION,
  /** No credential could be obtained from the workspace API. */
  CREDENTIAL_UNAVAILABLE,
  /** Anything else: not retried. */
  PERMANENT
}
