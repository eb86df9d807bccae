package dev.lakebase.pool;

import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.pool.internal.ConnectGate;
import dev.lakebase.pool.internal.NativeSettings;
import dev.lakebase.pool.internal.PoolEvents;
import dev.lakebase.pool.internal.vibur.ViburLifetime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.vibur.dbcp.ViburDBCPDataSource;
import org.vibur.dbcp.ViburDBCPException;
import org.vibur.dbcp.pool.ConnHolder;
import org.vibur.dbcp.pool.ConnectionFactory;
import org.vibur.objectpool.PoolService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vibur DBCP pool over a {@link LakebaseDataSource} ({@code externalDataSource}), created by
 * {@link LakebasePools}. It is a {@link ViburDBCPDataSource}, so Vibur's settings, hooks and JMX
 * bean work unchanged.
 *
 * <p>Vibur has no maximum lifetime; this class enforces {@link #maxLifetime()}: a connection past
 * its lifetime is closed instead of being handed out or returned to the pool (a check of a
 * timestamp, no network round trip), and idle ones are closed by a background sweep. It starts on
 * its first {@code getConnection()} (or {@link #start()}); until then Vibur setters may still be
 * called.
 */
public final class LakebaseViburDataSource extends ViburDBCPDataSource
    implements LakebasePooledDataSource {

  private static final Logger log = LoggerFactory.getLogger(LakebaseViburDataSource.class);

  /**
   * Connections idle at least this long are validated before being handed out (Vibur's {@code
   * connectionIdleLimitInSeconds}); the closest Vibur gets to HikariCP's 500 ms bypass window.
   */
  private static final int VALIDATE_AFTER_IDLE_SECONDS = 1;

  private final LakebaseDataSource physical;
  private final Duration maxLifetime;
  private final PoolEvents events;
  private final ViburLifetime lifetime;
  /** Threads inside getConnection(); an adder so that concurrent borrowers do not contend. */
  private final LongAdder pending = new LongAdder();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** Vibur opens connections on the borrowing thread: nobody waits to be woken. */
  private final ConnectGate gate = new ConnectGate(false, () -> stats().total() == 0);
  /** Set once start() has finished: Vibur reports WORKING before its start is complete. */
  private volatile boolean started;

  LakebaseViburDataSource(LakebaseDataSource physical, LakebasePoolConfig pool,
      PoolEvents events) {
    this.physical = physical;
    this.maxLifetime = pool.maxLifetime();
    this.events = events;
    this.lifetime = new ViburLifetime(pool.poolName(), pool.maxLifetime());
    setExternalDataSource(gate.gated(physical));
    setName(pool.poolName());
    setPoolMaxSize(pool.maximumPoolSize());
    // Opened once, right after start (in the background, see start()); Vibur never replenishes.
    setPoolInitialSize(pool.minimumIdle());
    setConnectionTimeoutInMs(pool.connectionTimeout(physical.config()).toMillis());
    // The core already retries transient connect failures within connectBudget; Vibur's own
    // retries would only multiply how long a borrower can wait.
    setAcquireRetryAttempts(0);
    setConnectionIdleLimitInSeconds(VALIDATE_AFTER_IDLE_SECONDS);
    setValidateTimeoutInSeconds(ceilSeconds(pool.validationTimeout()));
    // Vibur's pool reducer is its idle timeout: it closes connections unused for an interval.
    setReducerTimeIntervalInSeconds(ceilSeconds(pool.idleTimeout()));
    NativeSettings.apply(this, PoolType.VIBUR, pool.nativeProperties());
  }

  @Override
  public PoolType poolType() {
    return PoolType.VIBUR;
  }

  @Override
  public LakebaseDataSource lakebaseDataSource() {
    return physical;
  }

  @Override
  public Optional<PoolConnectFailure> lastConnectFailure() {
    return gate.lastFailure();
  }

  @Override
  public PoolStats stats() {
    var pool = getPool();
    if (pool == null || getState() != State.WORKING) {
      return new PoolStats(0, 0, pendingNow(), 0, getPoolMaxSize());
    }
    return new PoolStats(pool.taken(), pool.remainingCreated(), pendingNow(),
        pool.createdTotal(), pool.maxSize());
  }

  @Override
  public void evict(Connection connection) throws SQLException {
    severConnection(connection);
  }

  @Override
  public Duration maxLifetime() {
    return maxLifetime;
  }

  /**
   * Starts the pool with the lifetime enforcement installed; called by the first {@code
   * getConnection()}.
   *
   * @throws ViburDBCPException if the pool was started already or cannot start
   */
  @Override
  public synchronized void start() throws ViburDBCPException {
    int initial = 0;
    if (getState() == State.NEW) {
      setConcurrentCollection(lifetime.idleConnections());
      setConnectionFactory(lifetime.factory(new ConnectionFactory(this)));
      // Vibur opens poolInitialSize connections inside start(), on the borrowing thread, and
      // terminates the pool for good if one of them fails (an endpoint still waking after the
      // connect budget): start empty and open them in the background instead.
      initial = getPoolInitialSize();
      setPoolInitialSize(0);
    }
    super.start();
    if (initial > 0) {
      setPoolInitialSize(initial); // read by Vibur only inside start(); reported as the minimum
    }
    lifetime.startSweeping(getPool());
    started = true;
    if (initial > 0) {
      openInBackground(initial);
    }
  }

  /** Opens up to {@code count} idle connections without making a borrower wait for them. */
  private void openInBackground(int count) {
    PoolService<ConnHolder> pool = getPool();
    Thread opener = new Thread(() -> {
      List<ConnHolder> opened = new ArrayList<>(count);
      try {
        for (int i = 0; i < count; i++) {
          ConnHolder connection = pool.tryTake(); // opens one unless the pool is at its maximum
          if (connection == null) {
            break;
          }
          opened.add(connection);
        }
      } catch (RuntimeException e) {
        log.debug("Pool {}: opening its {} initial connection(s) stopped: {}", getName(), count,
            e.toString());
      } finally {
        opened.forEach(pool::restore);
      }
    }, "lakebase-vibur-initial-" + getName());
    opener.setDaemon(true);
    opener.start();
  }

  /**
   * Borrows a connection, starting the pool on first use.
   *
   * @return the connection
   * @throws SQLException if no connection could be obtained within the connection timeout; at
   *     once, with the core's message, while a permanent connect failure persists (one connect is
   *     tried per backoff period, 1 s doubling up to 30 s, until the cause is fixed)
   */
  @Override
  public Connection getConnection() throws SQLException {
    pending.increment();
    try {
      if (!started) {
        startOnFirstUse();
      }
      return gate.borrow(super::getConnection);
    } finally {
      pending.decrement();
    }
  }

  /**
   * Closes the core DataSource (so a connect retrying through an outage stops at once), then the
   * pool and its connections. Idempotent.
   */
  @Override
  public void terminate() {
    boolean first = closed.compareAndSet(false, true);
    if (first) {
      physical.close();
    }
    super.terminate();
    if (first) {
      lifetime.stop();
      events.poolClosed(this);
    }
  }

  PoolEvents events() {
    return events;
  }

  @Override
  public String toString() {
    return "LakebaseViburDataSource[" + getName() + ", " + physical + "]";
  }

  private synchronized void startOnFirstUse() throws SQLException {
    if (started || getState() != State.NEW) {
      return; // started, or terminated: Vibur's getConnection() reports that
    }
    try {
      start();
    } catch (ViburDBCPException e) {
      throw e.getCause() instanceof SQLException sql ? sql
          : new SQLException("Vibur pool " + getName() + " could not start: " + e.getMessage(),
              SQLSTATE_POOL_NOTSTARTED_ERROR, e);
    }
  }

  private int pendingNow() {
    return (int) Math.max(0, pending.sum());
  }

  private static int ceilSeconds(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, (d.toMillis() + 999) / 1000);
  }
}
