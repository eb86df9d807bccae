package dev.lakebase.examples.ingest.table;

import java.util.Collection;

/** A request named a table key that is not configured (HTTP 404). */
public final class UnknownTableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UnknownTableException(String key, Collection<String> known) {
    super("unknown table '" + key + "'; the configured tables are " + known, null, false, false);
  }
}
