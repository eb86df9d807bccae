package dev.lakebase.examples.ingest;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Assertions on the database straight through the emulator's superuser DataSource, not through
 * the proxy (so suspending or killing sessions does not touch it).
 */
final class Db {

  private final JdbcTemplate jdbc;

  Db(DataSource admin) {
    this.jdbc = new JdbcTemplate(admin);
  }

  JdbcTemplate jdbc() {
    return jdbc;
  }

  long count(String sql, Object... args) {
    Long count = jdbc.queryForObject(sql, Long.class, args);
    return count == null ? 0 : count;
  }

  long readings(String device) {
    return count("SELECT count(*) FROM ingest.sensor_readings WHERE device = ?", device);
  }

  /** How many rows of the table carry each of the ids (absent ids are not in the map). */
  Map<UUID, Long> rowsPerIngestId(String table, Collection<UUID> ids) {
    Map<UUID, Long> counts = new HashMap<>();
    jdbc.query("SELECT ingest_id, count(*) FROM " + table + " WHERE ingest_id = ANY (?)"
            + " GROUP BY ingest_id",
        row -> {
          counts.put(row.getObject(1, UUID.class), row.getLong(2));
        },
        (Object) ids.toArray(UUID[]::new));
    return counts;
  }
}
