package dev.lakebase.pool.internal.vibur;

import dev.lakebase.jdbc.integration.DurationText;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vibur.dbcp.pool.ConnHolder;
import org.vibur.dbcp.pool.ViburObjectFactory;
import org.vibur.objectpool.BasePool;
import org.vibur.objectpool.util.ConcurrentCollection;

/**
 * Enforces a maximum connection lifetime on a Vibur pool, which has no such setting, without a
 * network round trip on borrow. Three parts, all plugged into Vibur's own extension points:
 *
 * <ul>
 *   <li>a {@link ViburObjectFactory} around Vibur's factory that gives every new connection a
 *       deadline and answers "not ready" for a connection past it, on take (Vibur then closes it
 *       and opens a fresh one for the borrower) and on restore (Vibur closes it);
 *   <li>the pool's collection of idle connections, whose {@code pollLast()} (used only when the
 *       pool shrinks) yields expired connections first;
 *   <li>a background sweep that shrinks the pool by the number of expired idle connections.
 * </ul>
 *
 * <p>Deadlines are spread (up to 2.5 % early; HikariCP spreads up to 25 %) so connections opened
 * together are not all replaced at once, and sit one sweep period early, so an idle connection is
 * closed by its maximum lifetime at the latest. A borrowed connection is closed when it is returned.
 */
public final class ViburLifetime {

  private static final Logger log = LoggerFactory.getLogger(ViburLifetime.class);
  private static final Duration MIN_SWEEP = Duration.ofMillis(50);
  private static final Duration MAX_SWEEP = Duration.ofSeconds(30);

  private final String poolName;
  private final long lifetimeNanos;
  private final long sweepNanos;
  private final long spreadNanos;
  private final Map<ConnHolder, Long> deadlines = new ConcurrentHashMap<>();
  /** Guards {@link #dueSoon} updates, so a birth and a recount cannot interleave. */
  private final Object deadlineLock = new Object();
  /**
   * Whether some pooled connection's deadline falls within the next two sweep periods. Every
   * take and return checks the lifetime; while this is false the check is one volatile read, no
   * clock read and no map lookup (those cost a fifth of a borrow on a stub driver). Deadlines sit
   * one sweep period early and the flag looks two periods ahead, so even a sweep that runs a
   * period late raises it before any connection reaches its maximum lifetime.
   */
  private volatile boolean dueSoon;
  private final ExpiredFirstIdleConnections idle = new ExpiredFirstIdleConnections(this);
  private ScheduledExecutorService sweeper;

  /**
   * Creates the enforcement for one pool.
   *
   * @param poolName the pool name, for the sweeper thread and logs
   * @param maxLifetime the maximum lifetime
   */
  public ViburLifetime(String poolName, Duration maxLifetime) {
    this.poolName = poolName;
    this.lifetimeNanos = maxLifetime.toNanos();
    long fortieth = lifetimeNanos / 40;
    this.sweepNanos = Math.max(MIN_SWEEP.toNanos(), Math.min(MAX_SWEEP.toNanos(), fortieth));
    this.spreadNanos = Math.max(1, fortieth);
  }

  /**
   * The collection to install with {@code ViburConfig.setConcurrentCollection} before start.
   *
   * @return the idle-connection collection
   */
  public ConcurrentCollection<ConnHolder> idleConnections() {
    return idle;
  }

  /**
   * Wraps Vibur's connection factory; install with {@code ViburConfig.setConnectionFactory}
   * before start.
   *
   * @param viburFactory Vibur's {@code ConnectionFactory} for the pool
   * @return the lifetime-checking factory
   */
  public ViburObjectFactory factory(ViburObjectFactory viburFactory) {
    return new LifetimeConnectionFactory(viburFactory, this);
  }

  /**
   * Starts the background sweep of expired idle connections.
   *
   * @param pool the started pool
   */
  public synchronized void startSweeping(BasePool pool) {
    if (sweeper != null) {
      return;
    }
    sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lakebase-vibur-lifetime-" + poolName);
      t.setDaemon(true);
      return t;
    });
    sweeper.scheduleWithFixedDelay(() -> sweep(pool), sweepNanos, sweepNanos,
        TimeUnit.NANOSECONDS);
    log.debug("Pool {}: connections retire after at most {} (idle ones swept every {})",
        poolName, DurationText.format(Duration.ofNanos(lifetimeNanos)),
        DurationText.format(Duration.ofNanos(sweepNanos)));
  }

  /** Stops the sweep; the pool closes its remaining connections itself. */
  public synchronized void stop() {
    if (sweeper != null) {
      sweeper.shutdownNow();
    }
  }

  void born(ConnHolder connection) {
    long early = sweepNanos + ThreadLocalRandom.current().nextLong(spreadNanos);
    long now = System.nanoTime();
    long deadline = now + lifetimeNanos - early;
    synchronized (deadlineLock) {
      deadlines.put(connection, deadline);
      if (deadline - horizon(now) < 0) {
        dueSoon = true;
      }
    }
  }

  void forget(ConnHolder connection) {
    deadlines.remove(connection);
  }

  /**
   * The check on take and return: whether this connection is past its deadline.
   *
   * @param connection a pooled connection
   * @return {@code true} when it must be closed instead of handed out or taken back
   */
  boolean expiredNow(ConnHolder connection) {
    return dueSoon && expired(connection, System.nanoTime());
  }

  boolean expired(ConnHolder connection, long nowNanos) {
    Long deadline = deadlines.get(connection);
    return deadline != null && nowNanos - deadline >= 0;
  }

  private long horizon(long nowNanos) {
    return nowNanos + 2 * sweepNanos;
  }

  /** Recomputes {@link #dueSoon}: closed connections drop out, time moves deadlines closer. */
  private void recountDueSoon(long nowNanos) {
    synchronized (deadlineLock) {
      long horizon = horizon(nowNanos);
      boolean soon = false;
      for (long deadline : deadlines.values()) {
        if (deadline - horizon < 0) {
          soon = true;
          break;
        }
      }
      dueSoon = soon;
    }
  }

  private void sweep(BasePool pool) {
    try {
      int expired = idle.countExpired(System.nanoTime());
      if (expired > 0) {
        // Shrinking takes connections through pollLast(), which yields the expired ones first.
        int closed = pool.reduceCreatedBy(expired, true);
        log.debug("Pool {}: closed {} idle connection(s) that reached their maximum lifetime",
            poolName, closed);
      }
    } catch (RuntimeException e) {
      log.warn("Pool {}: closing expired idle connections failed; retrying in {}", poolName,
          DurationText.format(Duration.ofNanos(sweepNanos)), e);
    } finally {
      recountDueSoon(System.nanoTime());
    }
  }
}
