package dev.lakebase.examples.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest application ({@code ingest.*}).
 *
 * @param tables the ingest tables by key (the {@code {table}} of the URLs)
 * @param writer batching defaults of every table
 * @param ackTimeout longest time a {@code wait_for_ack=true} request or a flush waits for the
 *     commit
 * @param retryAfter the {@code Retry-After} advice of a 429/503 answer
 * @param shutdownTimeout longest time a shutdown waits for the buffers to be written
 * @param backpressureWait longest time a request waits for room in a full buffer before it is
 *     refused (429/503); waiting slows clients to the writer's pace instead of refusing them
 * @param imports CSV import settings ({@code ingest.import.*})
 */
@ConfigurationProperties("ingest")
public record IngestProperties(
    Map<String, TableSettings> tables,
    @DefaultValue WriterSettings writer,
    @DefaultValue("30s") Duration ackTimeout,
    @DefaultValue("1s") Duration retryAfter,
    @DefaultValue("30s") Duration shutdownTimeout,
    @DefaultValue("5s") Duration backpressureWait,
    @Name("import") @DefaultValue ImportSettings imports) {

  /** Keeps the configured order of the tables (it is the order of {@code GET /health}). */
  public IngestProperties {
    tables = tables == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /**
   * One ingest table ({@code ingest.tables.<key>.*}). The batching settings are optional
   * overrides of {@code ingest.writer.*}.
   *
   * @param table the target, {@code schema.table}
   * @param createIfMissing create the table from {@code columns} when it does not exist
   * @param columns the columns of a table created by the application
   * @param batchSize most rows per COPY transaction
   * @param flushInterval longest time a row waits in the buffer before its batch is written
   * @param bufferCapacity most rows accepted and not yet committed
   */
  public record TableSettings(
      String table,
      boolean createIfMissing,
      List<ColumnSpec> columns,
      Integer batchSize,
      Duration flushInterval,
      Integer bufferCapacity) {

    /** An absent column list is an empty one. */
    public TableSettings {
      columns = columns == null ? List.of() : List.copyOf(columns);
    }
  }

  /**
   * A column of a table the application creates ({@code ingest.tables.<key>.columns[i]}).
   *
   * @param name column name
   * @param type PostgreSQL type, e.g. {@code text}, {@code double precision}, {@code
   *     varchar(64)}, {@code timestamptz}
   * @param nullable whether the column accepts NULL
   */
  public record ColumnSpec(String name, String type, @DefaultValue("true") boolean nullable) {}

  /**
   * Batching defaults ({@code ingest.writer.*}).
   *
   * @param batchSize most rows per COPY transaction (M)
   * @param flushInterval longest time a row waits in the buffer before its batch is written (N)
   * @param bufferCapacity most rows per table accepted and not yet committed; a request that
   *     does not fit is answered 429 (or 503 while the database is failing)
   * @param initialBackoff first wait before a failed batch is retried, doubled per retry
   * @param maxBackoff longest wait between retries of a failed batch
   */
  public record WriterSettings(
      @DefaultValue("1000") int batchSize,
      @DefaultValue("100ms") Duration flushInterval,
      @DefaultValue("10000") int bufferCapacity,
      @DefaultValue("50ms") Duration initialBackoff,
      @DefaultValue("5s") Duration maxBackoff) {}

  /**
   * CSV import settings ({@code ingest.import.*}).
   *
   * @param concurrency imports that run at the same time; more wait as PENDING
   * @param spoolDir where uploads are kept until their import ends; the system temporary
   *     directory when unset
   * @param maxSize largest upload
   * @param progressEvery rows between two progress updates of a task
   * @param maxReportedErrors most bad lines listed in a task (all are counted)
   * @param retryDeadline how long an import is retried after transient database failures
   */
  public record ImportSettings(
      @DefaultValue("2") int concurrency,
      Path spoolDir,
      @DefaultValue("1GB") DataSize maxSize,
      @DefaultValue("10000") int progressEvery,
      @DefaultValue("100") int maxReportedErrors,
      @DefaultValue("2m") Duration retryDeadline) {

    /**
     * @return the directory uploads are spooled to
     */
    public Path spoolDirectory() {
      return spoolDir != null ? spoolDir : Path.of(System.getProperty("java.io.tmpdir"));
    }
  }
}
