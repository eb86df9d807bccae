package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.IngestLifecycle;
import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.IngestProperties.ImportSettings;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.TableCatalog;
import dev.lakebase.examples.ingest.write.TableWriters;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Accepts CSV uploads and runs their imports in the background, a few at a time. An upload is
 * streamed to a spool file (never held in memory) and gets a task in {@code
 * ingest.ingest_tasks}; a task a previous run left PENDING or RUNNING is marked FAILED at start.
 */
@Service
public class ImportService extends IngestLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ImportService.class);

  private final TableCatalog catalog;
  private final DataSource dataSource;
  private final TaskRepository tasks;
  private final ImportSettings settings;
  private final TableWriters writers;
  /**
   * How long a shutdown waits for running imports to roll back and record FAILED. Not longer:
   * an abandoned import loses nothing (all or nothing), its task is failed at the next start.
   */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final AtomicInteger threads = new AtomicInteger();
  private final CountDownLatch stopping = new CountDownLatch(1);
  private ThreadPoolExecutor executor;

  /**
   * @param catalog the ingest tables
   * @param dataSource the Lakebase pool
   * @param tasks the task table
   * @param properties the configuration
   * @param writers the table writers, whose status counts imported rows too
   */
  public ImportService(TableCatalog catalog, DataSource dataSource, TaskRepository tasks,
      IngestProperties properties, TableWriters writers) {
    this.catalog = catalog;
    this.writers = writers;
    this.dataSource = dataSource;
    this.tasks = tasks;
    this.settings = properties.imports();
  }

  /**
   * Spools an upload and queues its import.
   *
   * @param tableKey the table key
   * @param body the CSV file
   * @return the new task, PENDING
   * @throws dev.lakebase.examples.ingest.table.UnknownTableException for an unknown table
   * @throws UploadTooLargeException when the file exceeds {@code ingest.import.max-size}
   * @throws IOException when the upload cannot be read or spooled
   */
  public ImportTask submit(String tableKey, InputStream body) throws IOException {
    IngestTable table = catalog.table(tableKey);
    UUID id = UUID.randomUUID();
    Path file = Files.createTempFile(settings.spoolDirectory(), "ingest-import-" + id, ".csv");
    try {
      long bytes = spool(body, file);
      tasks.insert(id, table, bytes);
      ImportTask pending = tasks.find(id).orElseThrow();
      executor.execute(new CsvImport(id, table, file, dataSource, tasks, settings, stopping,
          writers.writer(table.key())::imported));
      return pending;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /**
   * @param id a task id
   * @return the task, empty when there is none
   */
  public Optional<ImportTask> task(UUID id) {
    return tasks.find(id);
  }

  @Override
  protected void onStart() {
    int unfinished = tasks.failUnfinished();
    if (unfinished > 0) {
      log.warn("Marked {} import task(s) FAILED: the previous run stopped during them",
          unfinished);
    }
    executor = new ThreadPoolExecutor(settings.concurrency(), settings.concurrency(), 0,
        TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), task -> {
          Thread thread = new Thread(task, "ingest-import-" + threads.incrementAndGet());
          thread.setDaemon(true); // never holds the JVM up; stop() decides how long to wait
          return thread;
        });
  }

  @Override
  protected void onStop() {
    stopping.countDown(); // running imports see it at their next line and roll back
    List<Runnable> queued = new ArrayList<>();
    executor.getQueue().drainTo(queued);
    executor.shutdown();
    for (Runnable task : queued) {
      // Never started: fail it now rather than at the next start, and drop its file.
      ((CsvImport) task).cancel();
    }
    try {
      if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Imports still running at shutdown are abandoned (nothing of them is"
            + " committed); their tasks are marked FAILED at the next start");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private long spool(InputStream body, Path file) throws IOException {
    long limit = settings.maxSize().toBytes();
    long total = 0;
    byte[] chunk = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int n; (n = body.read(chunk)) >= 0; ) {
        total += n;
        if (total > limit) {
          throw new UploadTooLargeException(limit);
        }
        out.write(chunk, 0, n);
      }
    }
    return total;
  }

  /** The upload exceeds {@code ingest.import.max-size} (HTTP 413). */
  public static final class UploadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UploadTooLargeException(long limit) {
      super("the file is larger than ingest.import.max-size (" + limit + " bytes)", null, false,
          false);
    }
  }
}
