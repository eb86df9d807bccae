package dev.lakebase.examples.ingest.write;

import static dev.lakebase.examples.ingest.table.IngestTable.quote;

import dev.lakebase.examples.ingest.table.Column;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.StagedRow;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes rows into an ingest table with COPY, idempotently: the rows are copied into a
 * session-private staging table, then moved with {@code INSERT ... SELECT ... ON CONFLICT
 * (ingest_id) DO NOTHING}, all in the caller's transaction. A batch retried after its commit was
 * lost in transit (the session dropped before the client saw the answer) therefore inserts
 * nothing the second time, and a failed batch leaves nothing behind.
 *
 * <p>Columns with a default get it when the row has no value: {@code COALESCE(value, default)},
 * since COPY itself cannot say "default" for one row and not another.
 */
public final class StagedCopy {

  /** Bytes sent to the server per COPY message. */
  private static final int CHUNK = 64 * 1024;

  private final String createStage;
  private final String copy;
  private final String insert;
  private final String valuesRow;
  private final String insertValues;
  private final String onConflict;
  /** The staging tables each session has (weak keys: closed connections drop out). */
  private static final Map<PGConnection, Set<String>> STAGED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * @param table the target table
   */
  public StagedCopy(IngestTable table) {
    String stage = quote("ingest_stage_" + table.key().replace('-', '_'));
    List<String> names = new ArrayList<>();
    List<String> selected = new ArrayList<>();
    names.add(quote(IngestTable.INGEST_ID));
    selected.add(quote(IngestTable.INGEST_ID));
    for (Column column : table.columns()) {
      names.add(quote(column.name()));
      selected.add(column.defaultExpression() == null ? quote(column.name())
          : "COALESCE(" + quote(column.name()) + ", " + column.defaultExpression() + ")");
    }
    String columnList = String.join(", ", names);
    // Same column types as the target, no constraints; emptied by every commit of the session.
    this.createStage = "CREATE TEMP TABLE IF NOT EXISTS " + stage + " ON COMMIT DELETE ROWS AS"
        + " SELECT " + columnList + " FROM " + table.quotedName() + " WITH NO DATA";
    this.copy = "COPY pg_temp." + stage + " (" + columnList + ") FROM STDIN (FORMAT csv)";
    List<String> placeholders = new ArrayList<>();
    placeholders.add("?::uuid");
    for (Column column : table.columns()) {
      String value = "?::" + column.declaredType();
      placeholders.add(column.defaultExpression() == null ? value
          : "COALESCE(" + value + ", " + column.defaultExpression() + ")");
    }
    this.valuesRow = "(" + String.join(", ", placeholders) + ")";
    this.insertValues = "INSERT INTO " + table.quotedName() + " (" + columnList + ") VALUES ";
    this.onConflict = " ON CONFLICT (" + quote(IngestTable.INGEST_ID) + ") DO NOTHING";
    this.insert = "INSERT INTO " + table.quotedName() + " (" + columnList + ") SELECT "
        + String.join(", ", selected) + " FROM pg_temp." + stage
        + " ON CONFLICT (" + quote(IngestTable.INGEST_ID) + ") DO NOTHING";
  }

  /**
   * Starts a COPY on a connection in a transaction ({@code autoCommit=false}). Until the sink is
   * finished or cancelled the connection runs nothing else.
   *
   * @param connection a pooled connection (a proxy: unwrapped to pgjdbc's)
   * @return the sink to write rows to
   * @throws SQLException when the staging table or the COPY cannot be started
   */
  public Sink open(Connection connection) throws SQLException {
    PGConnection physical = connection.unwrap(PGConnection.class);
    // Once per session, not per batch: one round trip less for every small (acknowledged) batch.
    // A new session is a new physical connection object, so a dropped one is never mistaken.
    Set<String> stages = STAGED.computeIfAbsent(physical, session -> ConcurrentHashMap.newKeySet());
    if (!stages.contains(createStage)) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(createStage);
      }
      connection.commit(); // kept even if the batch's transaction rolls back
      stages.add(createStage);
    }
    CopyIn copyIn = physical.getCopyAPI().copyIn(copy);
    return new Sink(connection, copyIn);
  }

  /**
   * Writes a few rows with one {@code INSERT ... VALUES ... ON CONFLICT (ingest_id) DO NOTHING}
   * in the caller's transaction: for a small batch (a lone acknowledged record) one round trip
   * instead of the four of COPY + staging, with the same idempotency and defaults.
   *
   * @param connection a connection in a transaction
   * @param rows the rows
   * @return the rows inserted
   * @throws SQLException when the insert fails
   */
  public long insert(Connection connection, List<StagedRow> rows) throws SQLException {
    StringBuilder sql = new StringBuilder(insertValues);
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(valuesRow);
    }
    try (PreparedStatement statement = connection.prepareStatement(sql.append(onConflict).toString())) {
      int p = 1;
      for (StagedRow row : rows) {
        statement.setString(p++, row.ingestId().toString());
        for (String value : row.values()) {
          statement.setString(p++, value);
        }
      }
      return statement.executeLargeUpdate();
    }
  }

  /** Rows on their way into the staging table. */
  public final class Sink implements AutoCloseable {

    private final Connection connection;
    private final CopyIn copyIn;
    private final StringBuilder pending = new StringBuilder(CHUNK + 1024);

    private Sink(Connection connection, CopyIn copyIn) {
      this.connection = connection;
      this.copyIn = copyIn;
    }

    /**
     * Adds a row (CSV: every value quoted, NULL as an unquoted empty field).
     *
     * @param row the row
     * @throws SQLException when the connection fails
     */
    public void write(StagedRow row) throws SQLException {
      pending.append(row.ingestId());
      for (String value : row.values()) {
        pending.append(',');
        if (value != null) {
          pending.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
      }
      pending.append('\n');
      if (pending.length() >= CHUNK) {
        send();
      }
    }

    /**
     * Ends the COPY and moves the staged rows into the table, in the caller's transaction.
     *
     * @return the rows inserted; rows whose {@code ingest_id} is already present are not
     * @throws SQLException when the COPY or the insert fails
     */
    public long finish() throws SQLException {
      send();
      copyIn.endCopy();
      try (Statement statement = connection.createStatement()) {
        return statement.executeLargeUpdate(insert);
      }
    }

    /** Abandons the COPY (the caller rolls back); the connection stays usable. */
    @Override
    public void close() throws SQLException {
      if (copyIn.isActive()) {
        copyIn.cancelCopy();
      }
    }

    private void send() throws SQLException {
      if (pending.length() > 0) {
        byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
        copyIn.writeToCopy(bytes, 0, bytes.length);
        pending.setLength(0);
      }
    }
  }
}
