package dev.lakebase.testkit.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a container (Testcontainers), for images the embedded binaries cannot give: a
 * user's image with extensions (pgvector, PostGIS), or exactly {@code postgres:17}. Trust
 * authentication inside the container, like the embedded backend, so the proxy logs in as any
 * role once it has checked the token. Loaded only when used: Testcontainers is an optional (provided)
 * dependency of the testkit.
 */
public final class ContainerDatabase implements Database {

  private static final String ADMIN = "postgres";

  private final PostgreSQLContainer<?> container;
  private final DataSource admin;

  private ContainerDatabase(PostgreSQLContainer<?> container) {
    this.container = container;
    this.admin = new UrlDataSource(jdbcUrl(container, EmbeddedDatabase.DATABASE));
  }

  /**
   * Starts the container and creates the database and roles.
   *
   * @param image e.g. {@code postgres:17} or {@code pgvector/pgvector:pg17}
   * @param roles role names to create
   * @return the running database
   * @throws IllegalStateException when Testcontainers is missing, Docker is unavailable or the
   *     container does not start, saying which
   */
  public static ContainerDatabase start(String image, List<String> roles) {
    try {
      Class.forName("org.testcontainers.containers.PostgreSQLContainer", false,
          ContainerDatabase.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("postgresContainer(\"" + image + "\") needs Testcontainers:"
          + " add org.testcontainers:postgresql (test scope) to the project");
    }
    PostgreSQLContainer<?> container = new PostgreSQLContainer<>(
        DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
        .withUsername(ADMIN).withPassword(ADMIN).withDatabaseName(ADMIN)
        .withEnv("POSTGRES_HOST_AUTH_METHOD", "trust")
        // Like the embedded backend's throw-away clusters: durability buys nothing, speed does.
        .withCommand("postgres", "-c", "fsync=off", "-c", "full_page_writes=off",
            "-c", "max_connections=300");
    try {
      container.start();
    } catch (RuntimeException e) {
      container.close();
      throw new IllegalStateException("PostgreSQL container " + image + " did not start (is Docker"
          + " running?): " + e.getMessage(), e);
    }
    try {
      EmbeddedDatabase.prepare(new UrlDataSource(jdbcUrl(container, ADMIN)), roles);
    } catch (SQLException | RuntimeException e) {
      container.close();
      throw new IllegalStateException("could not prepare the PostgreSQL container " + image + ": "
          + e.getMessage(), e);
    }
    return new ContainerDatabase(container);
  }

  private static String jdbcUrl(PostgreSQLContainer<?> container, String database) {
    return "jdbc:postgresql://" + container.getHost() + ":"
        + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database
        + "?user=" + ADMIN + "&password=" + ADMIN;
  }

  @Override
  public String host() {
    return container.getHost();
  }

  @Override
  public int port() {
    return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
  }

  @Override
  public DataSource adminDataSource() {
    return admin;
  }

  @Override
  public void close() {
    container.close();
  }

  /** A DataSource over a pgjdbc URL, so the testkit does not compile against pgjdbc. */
  private static final class UrlDataSource implements DataSource {
    private final String url;

    UrlDataSource(String url) {
      this.url = url;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return DriverManager.getConnection(url);
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
      return DriverManager.getConnection(url, user, password);
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
      return false;
    }

    @Override
    public String toString() {
      return "UrlDataSource[" + url.substring(0, url.indexOf('?')) + "]";
    }
  }
}
