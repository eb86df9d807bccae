package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.IngestProperties.ImportSettings;
import dev.lakebase.examples.ingest.imports.ImportTask.State;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.write.Backoff;
import dev.lakebase.examples.ingest.write.SqlFailures;
import dev.lakebase.examples.ingest.write.StagedCopy;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;

/**
 * One CSV import, run in the background from the spooled upload: a single pass validates each
 * line and streams the good ones into a COPY, in one transaction with the task's final state.
 * Memory stays bounded by a line and a COPY chunk, whatever the file size. One bad line and
 * nothing is imported: the COPY is abandoned, the transaction rolled back, and the task lists the
 * bad lines. A transient database failure restarts the import from the file (the transaction
 * left nothing behind) until {@code ingest.import.retry-deadline}.
 */
final class CsvImport implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(CsvImport.class);

  private final UUID id;
  private final IngestTable table;
  private final Path file;
  private final DataSource dataSource;
  private final TaskRepository tasks;
  private final ImportSettings settings;
  private final CountDownLatch stopping;
  /** Told (inserted, duplicates) after the commit, for the table's status. */
  private final BiConsumer<Long, Long> committed;

  CsvImport(UUID id, IngestTable table, Path file, DataSource dataSource, TaskRepository tasks,
      ImportSettings settings, CountDownLatch stopping, BiConsumer<Long, Long> committed) {
    this.committed = committed;
    this.id = id;
    this.table = table;
    this.file = file;
    this.dataSource = dataSource;
    this.tasks = tasks;
    this.settings = settings;
    this.stopping = stopping;
  }

  /** The import never started: the application is shutting down. */
  void cancel() {
    fail(new Attempt(), "the application shut down before the import started; upload the file"
        + " again");
    deleteSpoolFile();
  }

  @Override
  public void run() {
    try {
      runWithRetries();
    } catch (CancellationException e) {
      fail(new Attempt(), "the application shut down during the import (nothing was imported);"
          + " upload the file again");
    } catch (RuntimeException e) {
      log.error("Import {} into {} failed", id, table.key(), e);
      fail(new Attempt(), "the import failed (nothing was imported): " + e.getMessage());
    } finally {
      deleteSpoolFile();
    }
  }

  private void runWithRetries() {
    Backoff backoff = new Backoff(settings.retryDeadline().dividedBy(100),
        settings.retryDeadline().dividedBy(10));
    long deadline = System.nanoTime() + settings.retryDeadline().toNanos();
    while (true) {
      Attempt attempt = new Attempt();
      try {
        checkNotStopping();
        tasks.running(id);
        attempt.run();
        return;
      } catch (SQLException | DataAccessException e) {
        if (SqlFailures.classify(e) != SqlFailures.TRANSIENT || System.nanoTime() > deadline) {
          fail(attempt, "the import failed (nothing was imported): " + e.getMessage());
          return;
        }
        log.warn("Import {} into {}: transient failure, starting over: {}", id, table.key(),
            e.getMessage());
        sleep(backoff);
        if (tasks.find(id).map(task -> task.state() == State.SUCCEEDED).orElse(false)) {
          return; // the failure hit after the commit went through
        }
      } catch (IOException e) {
        fail(attempt, "the uploaded file could not be read: " + e.getMessage());
        return;
      }
    }
  }

  private void fail(Attempt attempt, String error) {
    try {
      tasks.failed(id, attempt.rowsRead, attempt.tally.count(), attempt.tally.listed(), error);
    } catch (RuntimeException e) {
      log.error("Import {} failed ({}) and its task could not be updated; it is marked FAILED at"
          + " the next start", id, error, e);
    }
  }

  /** Waits before the next attempt; a shutdown ends the wait and the import. */
  private void sleep(Backoff backoff) {
    try {
      if (stopping.await(backoff.next().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new CancellationException();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException();
    }
  }

  private void checkNotStopping() {
    if (stopping.getCount() == 0) {
      throw new CancellationException();
    }
  }

  private void deleteSpoolFile() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not delete the spooled upload {}", file, e);
    }
  }

  /** One pass over the file, in one transaction. */
  private final class Attempt {

    private long rowsRead;
    private final CsvLines.Tally tally = new CsvLines.Tally(settings.maxReportedErrors());

    void run() throws SQLException, IOException {
      try (Connection connection = dataSource.getConnection();
          Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        connection.setAutoCommit(false);
        try (StagedCopy.Sink sink = new StagedCopy(table).open(connection)) {
          copyLines(reader, sink);
          if (tally.count() > 0) {
            sink.close();
            connection.rollback();
            fail(this, tally.count() + (tally.count() == 1 ? " bad line" : " bad lines")
                + " (first: line " + tally.listed().get(0).line() + "); nothing was imported");
            return;
          }
          tasks.progress(id, rowsRead, 0);
          long inserted = sink.finish();
          tasks.succeeded(connection, id, rowsRead, inserted);
          connection.commit();
          committed.accept(inserted, rowsRead - inserted);
          log.info("Import {} into {}: {} rows imported", id, table.key(), inserted);
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    }

    /** Validates every line; sends the good ones to the COPY while no line was bad. */
    private void copyLines(Reader reader, StagedCopy.Sink sink) throws SQLException {
      CsvLines.read(reader, table, id, tally, row -> {
        checkNotStopping();
        rowsRead++;
        if (row != null && tally.count() == 0) {
          sink.write(row);
        }
        if (rowsRead % settings.progressEvery() == 0) {
          tasks.progress(id, rowsRead, tally.count());
        }
      });
    }
  }
}
