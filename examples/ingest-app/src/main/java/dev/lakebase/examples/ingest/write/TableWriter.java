package dev.lakebase.examples.ingest.write;

import dev.lakebase.examples.ingest.IngestProperties.WriterSettings;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.StagedRow;
import dev.lakebase.examples.ingest.write.TableBuffer.PendingRow;
import dev.lakebase.examples.ingest.write.TableStatus.LastError;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer and the batching writer of one table: a thread that takes batches from the buffer
 * and writes each in one transaction through {@link StagedCopy}.
 *
 * <p>Failures: a transient one (a dropped session, a waking endpoint) retries the same rows with
 * backoff for as long as it lasts, while the full buffer pushes back on clients; the staging
 * table's {@code ON CONFLICT (ingest_id) DO NOTHING} makes the retry safe even when the failed
 * attempt had in fact committed. A refused value or constraint (SQLSTATE 22/23) splits the batch
 * until the refused rows are found; they are rejected and the rest is written. Any other failure
 * rejects the batch: it would fail forever.
 */
public final class TableWriter {

  private static final Logger log = LoggerFactory.getLogger(TableWriter.class);
  /** Batches up to this size are one INSERT ... VALUES (2 round trips with the commit, not 5). */
  static final int SMALL_BATCH = 16;

  private final IngestTable table;
  private final DataSource dataSource;
  private final StagedCopy copy;
  private final TableBuffer buffer;
  private final WriterSettings retry;
  private final Thread thread;

  private final AtomicLong rowsAccepted = new AtomicLong();
  private final AtomicLong rowsCommitted = new AtomicLong();
  private final AtomicLong rowsDuplicate = new AtomicLong();
  private final AtomicLong rowsRejected = new AtomicLong();
  private final AtomicLong rowsImported = new AtomicLong();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private volatile boolean retrying;
  private volatile boolean abandoned;
  private volatile Instant lastFlushAt;
  private volatile LastError lastError;

  TableWriter(IngestTable table, DataSource dataSource, WriterSettings retry) {
    this.table = table;
    this.dataSource = dataSource;
    this.copy = new StagedCopy(table);
    this.buffer = new TableBuffer(table.batch().bufferCapacity());
    this.retry = retry;
    this.thread = new Thread(this::run, "ingest-writer-" + table.key());
    this.thread.setDaemon(true); // TableWriters.stop() joins it for as long as it may
  }

  /**
   * @return the table this writer writes
   */
  public IngestTable table() {
    return table;
  }

  /**
   * Buffers the rows of one request, all or none, at once or not at all (see {@link
   * #accept(List, boolean, Duration)}).
   *
   * @param rows validated rows
   * @return the receipt that completes when the rows are committed
   * @throws BufferFullException when the rows do not fit (nothing was accepted)
   */
  public Receipt accept(List<StagedRow> rows) {
    try {
      return accept(rows, false, Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BufferFullException("interrupted; nothing of this request was accepted", true);
    }
  }

  /**
   * Buffers the rows of one request, all or none.
   *
   * @param rows validated rows
   * @param flushNow the client waits for the commit: write the rows without waiting for the
   *     flush interval. This is group commit: an idle writer writes them at once; a busy one
   *     writes them, with everything else that arrived meanwhile, as soon as its current batch is
   *     committed
   * @param maxWait longest wait for room in the buffer (backpressure) before giving up
   * @return the receipt that completes when the rows are committed
   * @throws BufferFullException when the rows do not fit within {@code maxWait}
   * @throws InterruptedException when the request thread is interrupted while waiting
   */
  public Receipt accept(List<StagedRow> rows, boolean flushNow, Duration maxWait)
      throws InterruptedException {
    Receipt receipt = new Receipt(rows.size());
    // While the database fails, waiting would only hold the request: refuse at once (503).
    switch (buffer.offer(rows, receipt, retrying ? Duration.ZERO : maxWait)) {
      case ACCEPTED -> rowsAccepted.addAndGet(rows.size());
      case FULL -> throw new BufferFullException("the buffer of table " + table.key() + " is full ("
          + buffer.depth() + " of " + buffer.capacity() + " rows not yet committed"
          + (!maxWait.isZero() && !maxWait.isNegative() ? " after waiting " + maxWait + " for room" : "")
          + (retrying ? ", the database is failing: " + lastError.message() : "")
          + "); nothing of this request was accepted, retry later", retrying);
      case CLOSED -> throw new BufferFullException("the application is shutting down; nothing of"
          + " this request was accepted, retry later", true);
    }
    if (flushNow) {
      buffer.requestFlush();
    }
    return receipt;
  }

  /**
   * Counts rows that a CSV import or a bulk load committed on its own connection, so that the
   * table's status covers every path into the table.
   *
   * @param inserted rows inserted
   * @param duplicates rows skipped because their {@code ingest_id} was present
   */
  public void imported(long inserted, long duplicates) {
    rowsCommitted.addAndGet(inserted);
    rowsImported.addAndGet(inserted);
    rowsDuplicate.addAndGet(duplicates);
  }

  /**
   * Writes every row accepted before the call without waiting for the flush interval, and waits
   * until they are committed (or rejected).
   *
   * @param timeout longest wait
   * @return true when done, false when the time ran out
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    return buffer.awaitDone(buffer.requestFlush(), timeout);
  }

  /**
   * @return the writer's counters and state
   */
  public TableStatus status() {
    String state = !thread.isAlive() ? "STOPPED" : retrying ? "RETRYING" : "RUNNING";
    return new TableStatus(table.key(), table.qualifiedName(), state, buffer.depth(),
        buffer.capacity(), rowsAccepted.get(), rowsCommitted.get(), rowsDuplicate.get(),
        rowsRejected.get(), rowsImported.get(), batchesCommitted.get(), retries.get(),
        buffer.highWater(), buffer.delayed(), lastFlushAt, lastError);
  }

  void start() {
    thread.start();
  }

  /** Lets new requests fail fast while the buffered rows are written. */
  void close() {
    buffer.close();
  }

  /**
   * Waits for the buffered rows to be written; past the deadline gives up on them.
   *
   * @return rows that could not be written
   */
  int awaitDrained(long deadlineNanos) throws InterruptedException {
    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
    if (thread.isAlive()) {
      abandoned = true;
      thread.interrupt();
      thread.join(TimeUnit.SECONDS.toMillis(5));
    }
    return buffer.depth();
  }

  private void run() {
    try {
      List<PendingRow> batch;
      while (!abandoned && (batch = buffer.take(table.batch().batchSize(),
          table.batch().flushInterval())) != null) {
        write(batch);
        buffer.done(batch);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void write(List<PendingRow> rows) throws InterruptedException {
    Backoff backoff = new Backoff(retry.initialBackoff(), retry.maxBackoff());
    int attempt = 1;
    while (true) {
      try {
        long inserted = writeOnce(rows);
        rowsCommitted.addAndGet(inserted);
        rowsDuplicate.addAndGet(rows.size() - inserted);
        batchesCommitted.incrementAndGet();
        lastFlushAt = Instant.now();
        if (retrying) {
          retrying = false;
          log.info("Table {}: batch of {} rows committed after {} attempts", table.key(),
              rows.size(), attempt);
        }
        rows.forEach(row -> row.receipt().rowCommitted());
        return;
      } catch (SQLException | RuntimeException e) {
        if (abandoned) {
          throw new InterruptedException("ingest.shutdown-timeout passed");
        }
        SqlFailures kind = SqlFailures.classify(e);
        lastError = new LastError(Instant.now(), describe(e));
        if (kind == SqlFailures.TRANSIENT) {
          if (!retrying) {
            log.warn("Table {}: batch of {} rows failed, retrying: {}", table.key(), rows.size(),
                lastError.message());
          }
          retrying = true;
          retries.incrementAndGet();
          attempt++;
          Thread.sleep(backoff.next().toMillis());
        } else if (kind == SqlFailures.DATA && rows.size() > 1) {
          // Some row is refused: write each half on its own until the refused ones are alone.
          write(rows.subList(0, rows.size() / 2));
          write(rows.subList(rows.size() / 2, rows.size()));
          return;
        } else {
          reject(rows, kind == SqlFailures.DATA ? null : e);
          return;
        }
      }
    }
  }

  private long writeOnce(List<PendingRow> rows) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      if (rows.size() <= SMALL_BATCH) {
        try {
          long inserted = copy.insert(connection, rows.stream().map(PendingRow::row).toList());
          connection.commit();
          return inserted;
        } catch (SQLException | RuntimeException e) {
          rollbackQuietly(connection, e);
          throw e;
        }
      }
      try (StagedCopy.Sink sink = copy.open(connection)) {
        for (PendingRow row : rows) {
          sink.write(row.row());
        }
        long inserted = sink.finish();
        connection.commit();
        return inserted;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  /** A refused value is the client's data, not a bug: its stack trace would be noise. */
  private void reject(List<PendingRow> rows, Exception unexpected) {
    retrying = false;
    rowsRejected.addAndGet(rows.size());
    String reason = lastError.message();
    log.error("Table {}: {} rows rejected, first ingest_id {}: {}", table.key(), rows.size(),
        rows.get(0).row().ingestId(), reason, unexpected);
    rows.forEach(row -> row.receipt().rowRejected("row " + row.row().ingestId() + ": " + reason));
  }

  private static void rollbackQuietly(Connection connection, Exception failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  private static String describe(Exception e) {
    String state = e instanceof SQLException sql && sql.getSQLState() != null
        ? " (SQLSTATE " + sql.getSQLState() + ")" : "";
    return e.getMessage() + state;
  }
}
