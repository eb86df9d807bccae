package dev.lakebase.examples.ingest.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A CSV import as {@code GET /tasks/{id}} shows it; stored in {@code ingest.ingest_tasks}.
 *
 * @param id task id
 * @param table table key
 * @param target {@code schema.table}
 * @param state where the import is
 * @param fileBytes size of the uploaded file
 * @param rowsRead data lines read so far
 * @param rowsImported rows inserted (set when the import succeeded)
 * @param badLineCount lines that failed validation
 * @param badLines the first bad lines with what is wrong
 * @param error why the import failed, null otherwise
 * @param createdAt when the upload was accepted
 * @param startedAt when the import started
 * @param finishedAt when it succeeded or failed
 */
public record ImportTask(UUID id, String table, String target, State state, long fileBytes,
    long rowsRead, long rowsImported, long badLineCount, List<BadLine> badLines, String error,
    Instant createdAt, Instant startedAt, Instant finishedAt) {

  /** Lifecycle of an import: all-or-nothing, so SUCCEEDED means every row is in. */
  public enum State { PENDING, RUNNING, SUCCEEDED, FAILED }

  /**
   * One problem of one line of the file.
   *
   * @param line line number in the file (1 is the header)
   * @param column the column at fault, null when the line as a whole is
   * @param message what is wrong
   */
  public record BadLine(long line, String column, String message) {}
}
