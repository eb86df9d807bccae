package dev.lakebase.examples.orders.data;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads the audit trail the triggers write. */
@Repository
public class AuditRepository {

  private final JdbcClient jdbc;

  /** @param jdbc queries */
  public AuditRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * @param table only this table's changes, or null for both
   * @param operation only this operation, or null for all
   * @param limit how many, newest first
   * @return the entries
   */
  public List<AuditEntry> latest(String table, String operation, int limit) {
    StringBuilder sql = new StringBuilder("SELECT id, table_name, operation, old_row::text,"
        + " new_row::text, changed_at, changed_by FROM audit_log WHERE true");
    List<Object> params = new ArrayList<>();
    if (table != null) {
      sql.append(" AND table_name = ?");
      params.add(table);
    }
    if (operation != null) {
      sql.append(" AND operation = ?");
      params.add(operation);
    }
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(limit);
    return jdbc.sql(sql.toString()).params(params).query((rs, row) -> new AuditEntry(
        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getObject(6, OffsetDateTime.class), rs.getString(7))).list();
  }
}
