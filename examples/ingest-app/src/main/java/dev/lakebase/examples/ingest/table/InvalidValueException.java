package dev.lakebase.examples.ingest.table;

/** A value that does not fit its column; the message says why, for the client. */
public final class InvalidValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  InvalidValueException(String message) {
    super(message, null, false, false);
  }
}
