package dev.lakebase.examples.ingest.table;

/**
 * One problem of one posted record.
 *
 * @param record position of the record in the request (0 for a single object)
 * @param field the field (column) at fault, null when the record as a whole is
 * @param message what is wrong
 */
public record FieldError(int record, String field, String message) {}
