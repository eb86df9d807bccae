package dev.lakebase.examples.ingest.table;

/** The body of {@code POST /ingest} is not JSON (HTTP 400). */
public final class MalformedJsonException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  MalformedJsonException(String message) {
    super(message, null, false, false);
  }
}
