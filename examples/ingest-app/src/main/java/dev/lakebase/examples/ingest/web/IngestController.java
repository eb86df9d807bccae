package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.imports.BulkLoader;
import dev.lakebase.examples.ingest.table.FieldError;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.JsonRecords;
import dev.lakebase.examples.ingest.table.StagedRow;
import dev.lakebase.examples.ingest.write.Receipt;
import dev.lakebase.examples.ingest.write.TableStatus;
import dev.lakebase.examples.ingest.write.TableWriter;
import dev.lakebase.examples.ingest.write.TableWriters;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /ingest/{table}}, {@code POST /ingest/{table}/bulk}, {@code POST /flush/{table}},
 * {@code GET /health[/{table}]}.
 */
@RestController
public class IngestController {

  /** Most field errors listed in a 400 answer (all are counted). */
  static final int MAX_REPORTED_ERRORS = 100;

  /** Media type of newline-delimited JSON: one record per line. */
  public static final String NDJSON = "application/x-ndjson";

  private final TableWriters writers;
  private final BulkLoader bulk;
  private final Duration ackTimeout;
  private final Duration backpressureWait;

  /**
   * @param writers the table writers
   * @param bulk the bulk loader
   * @param properties the configuration
   */
  public IngestController(TableWriters writers, BulkLoader bulk, IngestProperties properties) {
    this.writers = writers;
    this.bulk = bulk;
    this.ackTimeout = properties.ackTimeout();
    this.backpressureWait = properties.backpressureWait();
  }

  /**
   * Validates and buffers one JSON record or an array of them, all or none.
   *
   * @param table the table key
   * @param waitForAck answer only once the rows are committed
   * @param body the records
   * @return 202 (buffered) or 200 (committed) with the rows' {@code ingest_id}s
   * @throws InterruptedException when the request thread is interrupted
   */
  @PostMapping(path = "/ingest/{table}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<IngestResult> ingest(@PathVariable String table,
      @RequestParam(name = "wait_for_ack", defaultValue = "false") boolean waitForAck,
      InputStream body) throws InterruptedException {
    TableWriter writer = writers.writer(table);
    IngestTable target = writer.table();
    List<StagedRow> rows = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    int[] errorCount = {0};
    JsonRecords.read(body, target.batch().bufferCapacity(), (position, record) -> {
      StagedRow row = target.fromJson(record, (field, message) -> {
        if (errorCount[0]++ < MAX_REPORTED_ERRORS) {
          errors.add(new FieldError(position, field, message));
        }
      });
      if (row != null) {
        rows.add(row);
      }
    });
    if (errorCount[0] > 0) {
      throw new ValidationFailedException(table, errors, errorCount[0]);
    }
    if (rows.isEmpty()) {
      throw new ValidationFailedException(table, List.of(
          new FieldError(0, null, "the array holds no records")), 1);
    }
    // A waiting client is flushed at once (group commit); a full buffer slows the request down
    // (backpressure) before it is refused.
    Receipt receipt = writer.accept(rows, waitForAck, backpressureWait);
    List<UUID> ids = rows.stream().map(StagedRow::ingestId).toList();
    if (!waitForAck) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new IngestResult(table, ids.size(), false, ids));
    }
    if (!receipt.await(ackTimeout)) {
      throw new NotCommittedException("the rows were accepted but not committed within"
          + " ingest.ack-timeout (" + ackTimeout + "); they stay buffered and will be written."
          + " To be sure, resend them with these ingest_id values: duplicates are ignored", ids);
    }
    return ResponseEntity.ok(new IngestResult(table, ids.size(), true, ids));
  }

  /**
   * Streams a body of NDJSON records or a CSV file (header line first) into the table through
   * COPY, in one transaction, and answers once it is committed.
   *
   * @param table the table key
   * @param batchId optional: rows without an {@code ingest_id} get one derived from it and their
   *     line, so resending the same body with the same batch id adds nothing
   * @param contentType {@value #NDJSON} or {@code text/csv}
   * @param body the records
   * @return 200 with the counts, after the commit
   * @throws InterruptedException when the request thread is interrupted
   */
  @PostMapping(path = "/ingest/{table}/bulk", consumes = {NDJSON, "text/csv"})
  public BulkLoader.BulkResult bulk(@PathVariable String table,
      @RequestParam(name = "batch_id", required = false) UUID batchId,
      @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType, InputStream body)
      throws InterruptedException {
    BulkLoader.Format format = contentType.isCompatibleWith(MediaType.valueOf(NDJSON))
        ? BulkLoader.Format.NDJSON : BulkLoader.Format.CSV;
    return bulk.load(table, body, format, batchId);
  }

  /**
   * Writes every row of the table accepted before this call and returns once they are
   * committed.
   *
   * @param table the table key
   * @return the table's counters after the flush
   * @throws InterruptedException when the request thread is interrupted
   */
  @PostMapping("/flush/{table}")
  public TableStatus flush(@PathVariable String table) throws InterruptedException {
    TableWriter writer = writers.writer(table);
    if (!writer.flush(ackTimeout)) {
      throw new NotCommittedException("the buffered rows were not committed within"
          + " ingest.ack-timeout (" + ackTimeout + "); they stay buffered and will be written",
          List.of());
    }
    return writer.status();
  }

  /**
   * @return every table's writer status; {@code status} is DEGRADED while a writer retries
   */
  @GetMapping("/health")
  public IngestHealth health() {
    Map<String, TableStatus> tables = new LinkedHashMap<>();
    writers.all().forEach(writer -> tables.put(writer.table().key(), writer.status()));
    boolean degraded = tables.values().stream().anyMatch(s -> !s.state().equals("RUNNING"));
    return new IngestHealth(degraded ? "DEGRADED" : "UP", Instant.now(), tables);
  }

  /**
   * @param table the table key
   * @return the table's writer status
   */
  @GetMapping("/health/{table}")
  public TableStatus health(@PathVariable String table) {
    return writers.writer(table).status();
  }

  /**
   * Answer of {@code POST /ingest}.
   *
   * @param table the table key
   * @param rows rows accepted
   * @param committed true for 200 (committed), false for 202 (buffered only)
   * @param ingestIds the rows' idempotency keys, in request order
   */
  public record IngestResult(String table, int rows, boolean committed, List<UUID> ingestIds) {}

  /**
   * Answer of {@code GET /health}.
   *
   * @param status UP, or DEGRADED while a writer retries or has stopped
   * @param at time of the answer
   * @param tables status per table key
   */
  public record IngestHealth(String status, Instant at, Map<String, TableStatus> tables) {}
}
