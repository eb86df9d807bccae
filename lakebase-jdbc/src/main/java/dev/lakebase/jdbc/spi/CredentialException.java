package dev.lakebase.jdbc.spi;

/** A credential could not be minted. The message never contains a secret. */
public class CredentialException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Whether retrying can help. */
  private final boolean transientFailure;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to check; must not contain a secret
   * @param transientFailure whether retrying the mint later may succeed (HTTP 429/5xx, I/O)
   * @param cause the underlying failure, or {@code null}
   */
  public CredentialException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /**
   * Tells whether retrying may succeed.
   *
   * @return {@code true} for transient failures (throttling, unavailability, I/O)
   */
  public boolean isTransient() {
    return transientFailure;
  }
}
