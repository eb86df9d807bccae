package dev.lakebase.examples.ingest.write;

import dev.lakebase.examples.ingest.IngestLifecycle;
import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.TableCatalog;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The writers of every ingest table, started and stopped with the application.
 *
 * <p>Shutdown order: the web server stops taking requests first, then {@link #stop()} writes
 * every buffered row, and only then does the context destroy its beans and close the connection
 * pool (see {@link IngestLifecycle}). Rows still unwritten after {@code ingest.shutdown-timeout}
 * (the database is down) are lost and logged.
 */
@Component
public class TableWriters extends IngestLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TableWriters.class);

  private final TableCatalog catalog;
  private final Duration shutdownTimeout;
  private final Map<String, TableWriter> writers = new LinkedHashMap<>();

  /**
   * @param catalog the ingest tables
   * @param dataSource the Lakebase pool
   * @param properties the configuration
   */
  public TableWriters(TableCatalog catalog, DataSource dataSource, IngestProperties properties) {
    this.catalog = catalog;
    this.shutdownTimeout = properties.shutdownTimeout();
    for (IngestTable table : catalog.tables()) {
      writers.put(table.key(), new TableWriter(table, dataSource, properties.writer()));
    }
  }

  /**
   * @param key a table key
   * @return its writer
   * @throws dev.lakebase.examples.ingest.table.UnknownTableException for an unknown key
   */
  public TableWriter writer(String key) {
    return writers.get(catalog.table(key).key());
  }

  /**
   * @return every writer, in configuration order
   */
  public Collection<TableWriter> all() {
    return writers.values();
  }

  @Override
  protected void onStart() {
    writers.values().forEach(TableWriter::start);
  }

  @Override
  protected void onStop() {
    writers.values().forEach(TableWriter::close);
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
    try {
      for (TableWriter writer : writers.values()) {
        int lost = writer.awaitDrained(deadline);
        if (lost > 0) {
          log.error("Table {}: {} accepted rows could not be written within"
              + " ingest.shutdown-timeout ({}) and are lost; last error: {}", writer.table().key(),
              lost, shutdownTimeout, writer.status().lastError() == null
                  ? "none yet (still connecting)" : writer.status().lastError().message());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Ingest writers stopped: {}", writers.values().stream()
        .map(writer -> writer.table().key() + " " + writer.status().rowsCommitted() + " rows")
        .toList());
  }
}
