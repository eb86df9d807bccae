package dev.lakebase.examples.ingest.web;

import java.util.UUID;

/** No import task has the requested id (HTTP 404). */
final class UnknownTaskException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownTaskException(UUID id) {
    super("no import task " + id, null, false, false);
  }
}
