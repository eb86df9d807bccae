package dev.lakebase.pool;

import dev.lakebase.jdbc.LakebaseDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What both Lakebase pools share. The implementations are the pool libraries' native types
 * ({@link LakebaseHikariDataSource} is a {@code HikariDataSource}, {@link LakebaseViburDataSource}
 * a {@code ViburDBCPDataSource}), so every native feature, JMX bean and metrics integration keeps
 * working; this interface adds what is Lakebase-specific.
 *
 * <p>Physical connections come from {@link #lakebaseDataSource()}, which logs in with a fresh
 * token per connect; borrowing a pooled connection never touches credentials. No connection is
 * opened before the first {@code getConnection()}.
 */
public interface LakebasePooledDataSource extends DataSource, AutoCloseable {

  /**
   * The pool library.
   *
   * @return {@link PoolType#HIKARI} or {@link PoolType#VIBUR}
   */
  PoolType poolType();

  /**
   * The core DataSource underneath, which opens the physical connections.
   *
   * @return the Lakebase DataSource (for {@code credentialStatus()} in health checks)
   */
  LakebaseDataSource lakebaseDataSource();

  /**
   * A snapshot of the pool's connections; all zero (except {@code max}) before the first
   * connection.
   *
   * @return the statistics
   */
  PoolStats stats();

  /**
   * The last failed physical connect since the last successful one, for health checks and
   * diagnostics. While it is {@linkplain PoolConnectFailure#permanent() permanent}, borrowers fail
   * at once with (a copy of) it.
   *
   * @return the failure, empty when the last connect succeeded or none was made yet
   */
  default Optional<PoolConnectFailure> lastConnectFailure() {
    return Optional.empty();
  }

  /**
   * Closes a borrowed connection the caller found broken (e.g. its session was dropped when the
   * endpoint scaled to zero) and makes sure the pool never hands it out again: HikariCP's
   * {@code evictConnection}, Vibur's {@code severConnection}.
   *
   * @param connection a connection borrowed from this pool
   * @throws SQLException if the pool could not close it
   */
  void evict(Connection connection) throws SQLException;

  /**
   * The enforced maximum lifetime of a pooled connection: a connection older than this is closed
   * instead of being handed out, and idle ones are closed in the background.
   *
   * @return the lifetime, 45 min by default
   */
  Duration maxLifetime();

  /**
   * Closes the core DataSource (so a connect still retrying through an outage stops at once),
   * then the pool and its connections. Idempotent.
   */
  @Override
  void close();
}
