package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.TableCatalog;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /rows/{table}}: lets a client verify delivery over HTTP: the number of rows (all, or
 * those with the given {@code ingest_id}s) and one bounded page of them, in {@code ingest_id}
 * order, continued with {@code after}.
 */
@RestController
public class RowsController {

  /** Largest page, and most {@code ingest_id}s per request. */
  static final int MAX_LIMIT = 1000;

  private final TableCatalog catalog;
  private final JdbcTemplate jdbc;
  private final JsonMapper json;

  /**
   * @param catalog the ingest tables
   * @param jdbc the application's database
   * @param json Spring Boot's JSON mapper
   */
  public RowsController(TableCatalog catalog, JdbcTemplate jdbc, JsonMapper json) {
    this.catalog = catalog;
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * @param table the table key
   * @param ingestIds only these rows (repeat the parameter), or all
   * @param limit most rows in the page, 0 to {@value #MAX_LIMIT} (0: only the count)
   * @param after the page starts after this {@code ingest_id} (the previous page's {@code next})
   * @return the count and the page
   */
  @GetMapping("/rows/{table}")
  public RowsPage rows(@PathVariable String table,
      @RequestParam(name = "ingest_id", required = false) List<UUID> ingestIds,
      @RequestParam(name = "limit", defaultValue = "100") int limit,
      @RequestParam(name = "after", required = false) UUID after) {
    IngestTable target = catalog.table(table);
    if (limit < 0 || limit > MAX_LIMIT) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
          "limit must be 0 to " + MAX_LIMIT + ", not " + limit);
    }
    if (ingestIds != null && ingestIds.size() > MAX_LIMIT) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "at most " + MAX_LIMIT
          + " ingest_id values per request, not " + ingestIds.size());
    }
    String id = IngestTable.quote(IngestTable.INGEST_ID);
    String filter = ingestIds == null ? "" : " WHERE " + id + " = ANY(?)";
    return jdbc.execute((ConnectionCallback<RowsPage>) connection -> {
      Array ids = ingestIds == null ? null : connection.createArrayOf("uuid", ingestIds.toArray());
      long count;
      try (PreparedStatement st = connection.prepareStatement(
          "SELECT count(*) FROM " + target.quotedName() + filter)) {
        if (ids != null) {
          st.setArray(1, ids);
        }
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          count = rs.getLong(1);
        }
      }
      List<JsonNode> rows = new ArrayList<>();
      if (limit > 0) {
        String where = filter + (after == null ? "" : (filter.isEmpty() ? " WHERE " : " AND ")
            + id + " > ?");
        try (PreparedStatement st = connection.prepareStatement("SELECT to_jsonb(t)::text FROM "
            + target.quotedName() + " t" + where + " ORDER BY " + id + " LIMIT ?")) {
          int p = 1;
          if (ids != null) {
            st.setArray(p++, ids);
          }
          if (after != null) {
            st.setObject(p++, after);
          }
          st.setInt(p, limit);
          try (ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
              rows.add(json.readTree(rs.getString(1)));
            }
          }
        }
      }
      UUID next = rows.size() == limit && limit > 0
          ? UUID.fromString(rows.get(rows.size() - 1).get(IngestTable.INGEST_ID).asString()) : null;
      return new RowsPage(table, target.qualifiedName(), count, rows, next);
    });
  }

  /**
   * Answer of {@code GET /rows/{table}}.
   *
   * @param table the table key
   * @param target {@code schema.table}
   * @param count rows in the table, or with the given ids
   * @param rows the page, as the table's columns
   * @param next the {@code after} of the next page, null on the last one
   */
  public record RowsPage(String table, String target, long count, List<JsonNode> rows, UUID next) {}
}
