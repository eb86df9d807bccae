package dev.lakebase.examples.ingest.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** The newest CSV import tasks of {@code ingest.ingest_tasks}, for the live page. */
final class RecentImports {

  /**
   * One task as the page shows it.
   *
   * @param id task id
   * @param table table key
   * @param state PENDING, RUNNING, SUCCEEDED or FAILED
   * @param fileBytes size of the uploaded file
   * @param rowsRead data lines read so far
   * @param rowsImported rows inserted (once it succeeded)
   * @param badLines lines that failed validation
   * @param error why it failed
   * @param createdAt when the upload was accepted
   * @param finishedAt when it ended
   */
  record Task(String id, String table, String state, long fileBytes, long rowsRead,
      long rowsImported, long badLines, String error, Instant createdAt, Instant finishedAt) {}

  private final JdbcTemplate jdbc;

  RecentImports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Task> newest(int limit) {
    return jdbc.query("SELECT id, table_key, state, file_bytes, rows_read, rows_imported,"
        + " bad_line_count, error, created_at, finished_at FROM ingest.ingest_tasks"
        + " ORDER BY created_at DESC LIMIT ?", RecentImports::task, limit);
  }

  private static Task task(ResultSet rs, int row) throws SQLException {
    return new Task(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
        rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getString(8), instant(rs, 9),
        instant(rs, 10));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
