package dev.lakebase.examples.ingest.write;

import java.time.Instant;

/**
 * What {@code GET /health/{table}} shows about one table's writer.
 *
 * @param table the table key
 * @param target {@code schema.table}
 * @param state {@code RUNNING}, {@code RETRYING} (the current batch failed and is being retried)
 *     or {@code STOPPED}
 * @param bufferDepth rows accepted and not yet committed
 * @param bufferCapacity most rows the buffer takes
 * @param rowsAccepted rows accepted since start
 * @param rowsCommitted rows inserted by committed batches, CSV imports and bulk loads
 * @param rowsDuplicate rows of committed batches that were already present (same {@code
 *     ingest_id}: a client resend, or a batch retried after its commit went through)
 * @param rowsRejected rows the database refused (see {@code lastError})
 * @param rowsImported of {@code rowsCommitted}, the rows inserted by CSV imports and bulk loads
 * @param batchesCommitted committed batches (of the buffered path)
 * @param retries failed batch attempts that were retried
 * @param bufferHighWater the deepest the buffer has been since start (never above the capacity)
 * @param requestsDelayed requests that waited for room in the buffer (backpressure)
 * @param lastFlushAt when the last batch was committed
 * @param lastError the last failure, null when there was none
 */
public record TableStatus(String table, String target, String state, int bufferDepth,
    int bufferCapacity, long rowsAccepted, long rowsCommitted, long rowsDuplicate,
    long rowsRejected, long rowsImported, long batchesCommitted, long retries,
    int bufferHighWater, long requestsDelayed, Instant lastFlushAt,
    LastError lastError) {

  /**
   * A failure of the writer.
   *
   * @param at when it happened
   * @param message what happened
   */
  public record LastError(Instant at, String message) {}
}
