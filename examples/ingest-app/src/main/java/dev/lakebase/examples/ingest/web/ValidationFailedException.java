package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.table.FieldError;
import java.util.List;

/** Posted records that do not fit their table (HTTP 400); nothing was accepted. */
final class ValidationFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<FieldError> errors;
  private final int errorCount;

  ValidationFailedException(String table, List<FieldError> errors, int errorCount) {
    super(errorCount + (errorCount == 1 ? " invalid field" : " invalid fields") + " for table "
        + table + "; nothing was accepted", null, false, false);
    this.errors = List.copyOf(errors);
    this.errorCount = errorCount;
  }

  List<FieldError> errors() {
    return errors;
  }

  int errorCount() {
    return errorCount;
  }
}
