package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.imports.ImportTask.BadLine;
import dev.lakebase.examples.ingest.imports.ImportTask.State;
import dev.lakebase.examples.ingest.table.IngestTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import tasks in {@code ingest.ingest_tasks}, so their status survives a restart. Times are
 * {@code clock_timestamp()}, the wall clock of the moment: {@code now()} is the start of the
 * transaction, and an import's final update runs in its long transaction.
 */
@Repository
public class TaskRepository {

  private static final TypeReference<List<BadLine>> BAD_LINES = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  /**
   * @param jdbc the application's database
   * @param json Spring Boot's JSON mapper
   */
  public TaskRepository(JdbcTemplate jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  void insert(UUID id, IngestTable table, long fileBytes) {
    jdbc.update("INSERT INTO ingest.ingest_tasks (id, table_key, target_table, state, file_bytes)"
        + " VALUES (?, ?, ?, 'PENDING', ?)", id, table.key(), table.qualifiedName(), fileBytes);
  }

  /**
   * @param id a task id
   * @return the task, empty when there is none
   */
  public Optional<ImportTask> find(UUID id) {
    return jdbc.query("SELECT * FROM ingest.ingest_tasks WHERE id = ?", this::task, id).stream()
        .findFirst();
  }

  void running(UUID id) {
    jdbc.update("UPDATE ingest.ingest_tasks SET state = 'RUNNING', started_at = clock_timestamp(),"
        + " updated_at = clock_timestamp() WHERE id = ?", id);
  }

  void progress(UUID id, long rowsRead, long badLineCount) {
    jdbc.update("UPDATE ingest.ingest_tasks SET rows_read = ?, bad_line_count = ?,"
        + " updated_at = clock_timestamp() WHERE id = ? AND state = 'RUNNING'", rowsRead, badLineCount, id);
  }

  /** In the import's own transaction, so "SUCCEEDED" and the rows commit together. */
  void succeeded(Connection connection, UUID id, long rowsRead, long rowsImported)
      throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE ingest.ingest_tasks SET"
        + " state = 'SUCCEEDED', rows_read = ?, rows_imported = ?, bad_line_count = 0,"
        + " finished_at = clock_timestamp(), updated_at = clock_timestamp() WHERE id = ?")) {
      update.setLong(1, rowsRead);
      update.setLong(2, rowsImported);
      update.setObject(3, id);
      update.executeUpdate();
    }
  }

  void failed(UUID id, long rowsRead, long badLineCount, List<BadLine> badLines, String error) {
    jdbc.update("UPDATE ingest.ingest_tasks SET state = 'FAILED', rows_read = ?,"
        + " bad_line_count = ?, bad_lines = ?::jsonb, error = ?, finished_at = clock_timestamp(),"
        + " updated_at = clock_timestamp() WHERE id = ?", rowsRead, badLineCount,
        json.writeValueAsString(badLines), error, id);
  }

  /**
   * Fails the tasks a previous run of the application left unfinished: their upload was in its
   * spool file, and their transaction died with the process.
   *
   * @return how many there were
   */
  int failUnfinished() {
    return jdbc.update("UPDATE ingest.ingest_tasks SET state = 'FAILED', error = 'the application"
        + " stopped during the import (nothing was imported); upload the file again',"
        + " finished_at = clock_timestamp(), updated_at = clock_timestamp() WHERE state IN ('PENDING', 'RUNNING')");
  }

  private ImportTask task(ResultSet row, int rowNumber) throws SQLException {
    return new ImportTask(row.getObject("id", UUID.class), row.getString("table_key"),
        row.getString("target_table"), State.valueOf(row.getString("state")),
        row.getLong("file_bytes"), row.getLong("rows_read"), row.getLong("rows_imported"),
        row.getLong("bad_line_count"), json.readValue(row.getString("bad_lines"), BAD_LINES),
        row.getString("error"), instant(row, "created_at"), instant(row, "started_at"),
        instant(row, "finished_at"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp timestamp = row.getTimestamp(column);
    return timestamp == null ? null : timestamp.toInstant();
  }
}
