package dev.lakebase.examples.ingest.write;

/**
 * A request did not fit its table's buffer: HTTP 429 while the writer keeps up as best it can,
 * 503 while the database is failing or the application is shutting down. Nothing of the request
 * was accepted; the client retries later.
 */
public final class BufferFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean unavailable;

  BufferFullException(String message, boolean unavailable) {
    super(message, null, false, false);
    this.unavailable = unavailable;
  }

  /**
   * @return true when the cause is the database or a shutdown rather than the load
   */
  public boolean unavailable() {
    return unavailable;
  }
}
