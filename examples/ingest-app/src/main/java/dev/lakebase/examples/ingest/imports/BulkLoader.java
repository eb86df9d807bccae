package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.imports.ImportTask.BadLine;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.JsonRecords;
import dev.lakebase.examples.ingest.table.StagedRow;
import dev.lakebase.examples.ingest.table.TableCatalog;
import dev.lakebase.examples.ingest.write.SqlFailures;
import dev.lakebase.examples.ingest.write.StagedCopy;
import dev.lakebase.examples.ingest.write.TableWriters;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * {@code POST /ingest/{table}/bulk}: a request body of NDJSON records or a CSV file, streamed
 * line by line through the validator straight into a COPY (no buffer, no spool file, no writer
 * thread), committed in one transaction before the answer. Same staging table and {@code ON
 * CONFLICT (ingest_id) DO NOTHING} as the other paths, so a resent body with the same ids adds
 * nothing. Memory stays at one line and one COPY chunk whatever the body size.
 *
 * <p>At most {@code ingest.import.concurrency} bulk loads run at a time; more wait for their turn
 * (a load keeps one pooled connection busy for its whole body).
 */
@Component
public class BulkLoader {

  /** Body formats. */
  public enum Format { NDJSON, CSV }

  /**
   * The answer of a committed bulk load.
   *
   * @param table the table key
   * @param rows rows in the body
   * @param inserted rows inserted
   * @param duplicates rows whose {@code ingest_id} was already present
   * @param committed always true: the answer comes after the commit
   * @param batchId the request's batch id, when ingest ids were derived from it
   */
  public record BulkResult(String table, long rows, long inserted, long duplicates,
      boolean committed, UUID batchId) {}

  /** The body has bad lines (HTTP 400); nothing was committed. */
  public static final class BadBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<BadLine> badLines;
    private final long badLineCount;

    BadBodyException(String table, List<BadLine> badLines, long badLineCount) {
      super(badLineCount + (badLineCount == 1 ? " bad line" : " bad lines") + " (first: line "
          + badLines.get(0).line() + ") for table " + table + "; nothing was committed", null,
          false, false);
      this.badLines = List.copyOf(badLines);
      this.badLineCount = badLineCount;
    }

    /** @return the first bad lines */
    public List<BadLine> badLines() {
      return badLines;
    }

    /** @return every bad line, counted */
    public long badLineCount() {
      return badLineCount;
    }
  }

  private final TableCatalog catalog;
  private final TableWriters writers;
  private final DataSource dataSource;
  private final int maxReportedErrors;
  private final Semaphore running;

  /**
   * @param catalog the ingest tables
   * @param writers the writers, whose status counts the loaded rows
   * @param dataSource the Lakebase pool
   * @param properties the configuration
   */
  public BulkLoader(TableCatalog catalog, TableWriters writers, DataSource dataSource,
      dev.lakebase.examples.ingest.IngestProperties properties) {
    this.catalog = catalog;
    this.writers = writers;
    this.dataSource = dataSource;
    this.maxReportedErrors = properties.imports().maxReportedErrors();
    this.running = new Semaphore(properties.imports().concurrency(), true);
  }

  /**
   * Loads a body, all or nothing.
   *
   * @param tableKey the table key
   * @param body the body
   * @param format its format
   * @param batchId when not null, rows without an {@code ingest_id} get one derived from it and
   *     their line number (a resent body then adds nothing); otherwise random ones
   * @return what was committed
   * @throws BadBodyException when a line is bad (nothing committed)
   * @throws InterruptedException when the request thread is interrupted waiting for its turn
   */
  public BulkResult load(String tableKey, InputStream body, Format format, UUID batchId)
      throws InterruptedException {
    IngestTable table = catalog.table(tableKey);
    running.acquire();
    try {
      Load load = new Load(table, batchId);
      long inserted = load.run(body, format);
      writers.writer(tableKey).imported(inserted, load.rows - inserted);
      return new BulkResult(tableKey, load.rows, inserted, load.rows - inserted, true, batchId);
    } catch (SQLException e) {
      if (SqlFailures.classify(e) == SqlFailures.TRANSIENT) {
        throw new TransientDataAccessResourceException("bulk load into " + table.key()
            + " failed, nothing was committed; resend the body", e);
      }
      throw new org.springframework.dao.DataIntegrityViolationException("the database refused the"
          + " bulk load into " + table.key() + ", nothing was committed: " + e.getMessage(), e);
    } finally {
      running.release();
    }
  }

  private final class Load {
    private final IngestTable table;
    private final UUID batchId;
    private long rows;
    private DerivedIds derivedIds;
    private final CsvLines.Tally tally = new CsvLines.Tally(maxReportedErrors);

    Load(IngestTable table, UUID batchId) {
      this.table = table;
      this.batchId = batchId;
    }

    long run(InputStream body, Format format) throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(false);
        try (StagedCopy.Direct sink = new StagedCopy(table).openDirect(connection)) {
          if (format == Format.NDJSON) {
            ndjson(body, sink);
          } else {
            csv(body, sink);
          }
          if (rows == 0 && tally.count() == 0) {
            bad(new BadLine(1, null, "the body holds no records"));
          }
          if (tally.count() > 0) {
            sink.close();
            connection.rollback();
            throw new BadBodyException(table.key(), tally.listed(), tally.count());
          }
          long inserted = sink.finish();
          connection.commit();
          return inserted;
        } catch (SQLException | RuntimeException e) {
          connection.rollback();
          throw e;
        }
      }
    }

    private void ndjson(InputStream body, StagedCopy.Direct sink) throws SQLException {
      try (JsonParser parser = JsonRecords.MAPPER.createParser(body)) {
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
          long line = parser.currentTokenLocation().getLineNr();
          if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            bad(new BadLine(line, null, "expected a JSON object per line"));
            continue;
          }
          rows++;
          StagedRow row = table.fromJson(parser,
              batchId != null ? () -> derived(line) : UUID::randomUUID,
              (field, message) -> bad(new BadLine(line, field, message)));
          if (row != null && tally.count() == 0) {
            sink.write(row);
          }
        }
      } catch (JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        bad(new BadLine(at == null ? 0 : at.getLineNr(), null, e.getOriginalMessage()));
      }
    }

    private void csv(InputStream body, StagedCopy.Direct sink) throws SQLException {
      Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
      CsvLines.read(reader, table, batchId != null ? batchId : UUID.randomUUID(), tally, row -> {
        rows++;
        if (row != null && tally.count() == 0) {
          sink.write(row);
        }
      });
    }

    private UUID derived(long line) {
      if (derivedIds == null) {
        derivedIds = new DerivedIds(batchId);
      }
      return derivedIds.line(line);
    }

    private void bad(BadLine problem) {
      tally.bad(problem);
    }
  }
}
