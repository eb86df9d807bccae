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
  private final String copyDirect;
  private final String copyStageDefaults;
  /** Per column: whether a missing value means the column's default (written as {@code \D}). */
  private final boolean[] defaulted;
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
        + " SELECT " + columnList + " FROM " + table.quotedName() + " WITH NO DATA"
        + stageDefaults(stage, table);
    this.copy = "COPY pg_temp." + stage + " (" + columnList + ") FROM STDIN (FORMAT csv)";
    List<String> placeholders = new ArrayList<>();
    placeholders.add("?::uuid");
    for (Column column : table.columns()) {
      String value = "?::" + column.declaredType();
      placeholders.add(column.defaultExpression() == null ? value
          : "COALESCE(" + value + ", " + column.defaultExpression() + ")");
    }
    // COPY's DEFAULT marker (PostgreSQL 16+) lets one row take a column's default and the next
    // not; a value holding a backslash is quoted, so an unquoted \D never collides with data.
    this.copyDirect = "COPY " + table.quotedName() + " (" + columnList
        + ") FROM STDIN (FORMAT csv, DEFAULT '\\D')";
    // Replays the optimistic path's bytes: \D takes the default the staging table copied.
    this.copyStageDefaults = "COPY pg_temp." + stage + " (" + columnList
        + ") FROM STDIN (FORMAT csv, DEFAULT '\\D')";
    this.defaulted = new boolean[table.columns().size()];
    for (int i = 0; i < defaulted.length; i++) {
      defaulted[i] = table.columns().get(i).defaultExpression() != null;
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
    PGConnection physical = stage(connection);
    CopyIn copyIn = physical.getCopyAPI().copyIn(copy);
    return new Sink(connection, copyIn);
  }

  /** Creates the session's staging table once; returns pgjdbc's connection. */
  private PGConnection stage(Connection connection) throws SQLException {
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
    return physical;
  }

  /**
   * Starts an optimistic COPY for a large body: straight into the table, which is as fast as
   * COPY gets, while the rows are also kept (in memory up to a bound, then in a temp file). If
   * the table refuses a row because its {@code ingest_id} (or another unique key) is already
   * there (SQLSTATE 23505, a resent body), {@link Direct#finish()} rolls the transaction back and
   * replays the kept rows through the staging table and {@code ON CONFLICT DO NOTHING}, so a
   * resend still adds nothing. Needs PostgreSQL 16+ (COPY's DEFAULT option); older servers get
   * the staging path from the start.
   *
   * @param connection a pooled connection in a transaction ({@code autoCommit=false})
   * @return the sink to write rows to
   * @throws SQLException when the COPY cannot be started
   */
  public Direct openDirect(Connection connection) throws SQLException {
    boolean direct = connection.getMetaData().getDatabaseMajorVersion() >= 16;
    PGConnection physical = connection.unwrap(PGConnection.class);
    return new Direct(connection, physical, direct ? physical.getCopyAPI().copyIn(copyDirect) : null);
  }

  /**
   * The target's defaults on the staging table too, so that a body copied with {@code \D} for
   * "default" (the optimistic path's bytes, replayed) stages the default instead of failing; the
   * rows of the other paths carry NULL there and get the default from the INSERT's COALESCE.
   */
  private static String stageDefaults(String stage, IngestTable table) {
    StringBuilder sql = new StringBuilder();
    for (Column column : table.columns()) {
      if (column.defaultExpression() != null) {
        sql.append("; ALTER TABLE pg_temp.").append(stage).append(" ALTER COLUMN ")
            .append(quote(column.name())).append(" SET DEFAULT ").append(column.defaultExpression());
      }
    }
    return sql.toString();
  }

  /**
   * Appends one row as COPY CSV: {@code \D} for a column's default, an empty field for NULL, a
   * value quoted only when CSV needs it (numbers, timestamps and most text do not: the server
   * parses unquoted fields faster, and the body is smaller).
   */
  private void appendRow(StringBuilder out, StagedRow row) {
    out.append(row.ingestId());
    String[] values = row.values();
    for (int i = 0; i < values.length; i++) {
      out.append(',');
      String value = values[i];
      if (value != null) {
        appendValue(out, value);
      } else if (defaulted[i]) {
        out.append("\\D");
      }
    }
    out.append('\n');
  }

  /**
   * One CSV field. Quoted when unquoted it would read differently: empty (NULL), the default
   * marker {@code \D}, or holding a delimiter, quote, line break or the escape character {@code
   * \} (so no unquoted field can be the marker).
   */
  static void appendValue(StringBuilder out, String value) {
    boolean quote = value.isEmpty();
    boolean quotes = false;
    for (int i = 0; i < value.length() && !quotes; i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quote = quotes = true;
      } else if (c == ',' || c == '\n' || c == '\r' || c == '\\') {
        quote = true;
      }
    }
    if (!quote) {
      out.append(value);
    } else {
      out.append('"').append(quotes ? value.replace("\"", "\"\"") : value).append('"');
    }
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

  /** Rows on their way straight into the table, kept for a replay through staging. */
  public final class Direct implements AutoCloseable {

    /** Kept rows beyond this many bytes go to a temp file. */
    private static final int IN_MEMORY = 16 * 1024 * 1024;

    private final Connection connection;
    private final PGConnection physical;
    private CopyIn copyIn;
    private boolean conflicted;
    private final StringBuilder pending = new StringBuilder(CHUNK + 1024);
    /** The chunks sent so far (kept as they are: no copy), until they outgrow memory. */
    private final List<byte[]> kept = new ArrayList<>();
    private long keptBytes;
    private java.nio.file.Path spool;
    private java.io.OutputStream spoolOut;

    private Direct(Connection connection, PGConnection physical, CopyIn copyIn) {
      this.connection = connection;
      this.physical = physical;
      this.copyIn = copyIn;
      this.conflicted = copyIn == null;
    }

    /**
     * Adds a row.
     *
     * @param row the row
     * @throws SQLException when the connection fails
     */
    public void write(StagedRow row) throws SQLException {
      appendRow(pending, row);
      if (pending.length() >= CHUNK) {
        send();
      }
    }

    /**
     * Ends the COPY; after a unique violation, rolls back and moves the rows through staging.
     *
     * @return the rows inserted
     * @throws SQLException when the COPY or the insert fails
     */
    public long finish() throws SQLException {
      send();
      if (!conflicted) {
        try {
          return copyIn.endCopy();
        } catch (SQLException e) {
          if (!uniqueViolation(e)) {
            throw e;
          }
        }
      }
      // The optimistic COPY (if any) aborted the transaction: start over, idempotently.
      if (copyIn != null && copyIn.isActive()) {
        try {
          copyIn.endCopy();
        } catch (SQLException expected) {
          // the unique violation again; the rollback below discards the transaction
        }
      }
      connection.rollback();
      stage(connection);
      copyIn = physical.getCopyAPI().copyIn(copyStageDefaults);
      try {
        if (spoolOut != null) {
          spoolOut.close();
          spoolOut = null;
          try (java.io.InputStream in = java.nio.file.Files.newInputStream(spool)) {
            byte[] buffer = new byte[CHUNK];
            int n;
            while ((n = in.read(buffer)) > 0) {
              copyIn.writeToCopy(buffer, 0, n);
            }
          }
        } else {
          for (byte[] chunk : kept) {
            copyIn.writeToCopy(chunk, 0, chunk.length);
          }
        }
      } catch (java.io.IOException e) {
        throw new SQLException("cannot read back the spooled bulk body", "58030", e);
      }
      copyIn.endCopy();
      try (Statement statement = connection.createStatement()) {
        return statement.executeLargeUpdate(insert);
      }
    }

    /** Abandons the COPY (the caller rolls back) and drops the kept rows. */
    @Override
    public void close() throws SQLException {
      try {
        if (copyIn != null && copyIn.isActive()) {
          copyIn.cancelCopy();
        }
      } finally {
        try {
          if (spoolOut != null) {
            spoolOut.close();
          }
          if (spool != null) {
            java.nio.file.Files.deleteIfExists(spool);
          }
        } catch (java.io.IOException e) {
          // a temp file left behind is not worth failing the request for
        }
      }
    }

    private void send() throws SQLException {
      if (pending.length() == 0) {
        return;
      }
      byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
      pending.setLength(0);
      keep(bytes);
      if (!conflicted) {
        try {
          copyIn.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
          if (!uniqueViolation(e)) {
            throw e;
          }
          conflicted = true;
        }
      }
    }

    private void keep(byte[] bytes) throws SQLException {
      try {
        if (spoolOut == null && keptBytes + bytes.length > IN_MEMORY) {
          spool = java.nio.file.Files.createTempFile("ingest-bulk-", ".csv");
          spoolOut = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(spool), CHUNK);
          for (byte[] chunk : kept) {
            spoolOut.write(chunk);
          }
          kept.clear();
        }
        if (spoolOut != null) {
          spoolOut.write(bytes);
        } else {
          kept.add(bytes);
          keptBytes += bytes.length;
        }
      } catch (java.io.IOException e) {
        throw new SQLException("cannot spool the bulk body for a replay", "58030", e);
      }
    }
  }

  private static boolean uniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
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
     * Adds a row (CSV: NULL as an empty field, a value quoted when CSV needs it).
     *
     * @param row the row
     * @throws SQLException when the connection fails
     */
    public void write(StagedRow row) throws SQLException {
      pending.append(row.ingestId());
      for (String value : row.values()) {
        pending.append(',');
        if (value != null) {
          appendValue(pending, value);
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
