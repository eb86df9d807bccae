package dev.lakebase.pool.internal;

import dev.lakebase.jdbc.LakebaseConnectFailure;
import dev.lakebase.jdbc.integration.FailureCopies;
import dev.lakebase.pool.PoolConnectFailure;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Stands between a pool library and the core DataSource so that a permanent failure (unknown
 * endpoint, rejected credentials, identity mismatch, unknown database, certificate failure)
 * reaches borrowers in milliseconds instead of after the pool's connection timeout, and costs a
 * bounded amount of work while it persists.
 *
 * <p>After the core reports a permanent failure: borrowers fail at once with a copy of it (the
 * core's message on top); borrowers already waiting in the pool are woken ({@link
 * #borrow(Borrow)} with interruption, for HikariCP, whose borrowers wait on a queue while its
 * adder thread connects); the pool's connection adder is refused without calling the core. One
 * real attempt is let through per backoff period (1 s, doubling up to 30 s), so the pool
 * recovers by itself once the cause is fixed. A transient failure or a success ends the gating:
 * cold starts and DNS hiccups keep being retried by the core within its budget, as before.
 */
public final class ConnectGate {

  /** The first period after a permanent failure during which no new attempt is made. */
  public static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  /** The longest such period. */
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** A borrow from the pool library. */
  @FunctionalInterface
  public interface Borrow {
    /**
     * Borrows.
     *
     * @return the connection
     * @throws SQLException as the pool library throws it
     */
    Connection get() throws SQLException;
  }

  /** A thread inside {@link #borrow}. */
  private static final class Waiter {
    final Thread thread = Thread.currentThread();
    boolean connecting;
    boolean done;
    SQLException wokenBy;
  }

  private final boolean wakeWaiters;
  private final BooleanSupplier poolEmpty;
  private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<Waiter> current = new ThreadLocal<>();
  private final Object lock = new Object();
  /**
   * The permanent failure in force, or {@code null}; written under {@link #lock}, volatile so that
   * a borrow in the steady state (no failure) reads it without taking the lock.
   */
  private volatile SQLException permanent;
  private long nextAttemptNanos;
  private long backoffNanos;
  private volatile PoolConnectFailure last;
  /** Failed connects so far: a borrow compares it to tell whether the core failed meanwhile. */
  private volatile long failures;

  /**
   * Creates a gate.
   *
   * @param wakeWaiters whether borrowers waiting inside the pool library are interrupted when a
   *     permanent failure is reported (HikariCP: connections are opened by another thread)
   * @param poolEmpty whether the pool has no open connection: only then do borrowers fail fast
   *     (with connections open, a borrower may still get one that is returned)
   */
  public ConnectGate(boolean wakeWaiters, BooleanSupplier poolEmpty) {
    this.wakeWaiters = wakeWaiters;
    this.poolEmpty = poolEmpty;
  }

  /**
   * The DataSource to hand to the pool library: its {@code getConnection()} goes through the
   * gate to {@code physical}.
   *
   * @param physical the core DataSource
   * @return the gated DataSource
   */
  public DataSource gated(DataSource physical) {
    return new GatedDataSource(physical, this);
  }

  /**
   * Borrows through the pool library: fails at once while a permanent failure is in force,
   * otherwise borrows, and turns a wake-up or the library's timeout into the core's failure.
   *
   * @param borrow the library's borrow
   * @return the connection
   * @throws SQLException the core's failure (a copy) or the library's own
   */
  public Connection borrow(Borrow borrow) throws SQLException {
    SQLException fast = failFast();
    if (fast != null) {
      throw fast;
    }
    long failuresBefore = failures; // a volatile read, cheaper than the clock
    // Only a borrower that may wait for another thread's connect needs to be found by wake(),
    // and wake() acts only while the pool has no open connection: a borrow from a pool with
    // connections registers nothing (the hot path stays a volatile read). A borrower that saw
    // connections and then waits while the pool empties and fails is still bounded by the
    // library's timeout, and the catch below gives it the core's message.
    Waiter w = wakeWaiters && poolEmpty.getAsBoolean() ? register() : null;
    try {
      if (w != null) {
        // Again, now that a failure reported from here on wakes this thread.
        fast = failFast();
        if (fast != null) {
          throw fast;
        }
      }
      return borrow.get();
    } catch (SQLException e) {
      SQLException woken = null;
      if (w != null) {
        synchronized (w) {
          woken = w.wokenBy;
        }
      }
      if (woken != null) {
        SQLException copy = FailureCopies.copy(woken);
        copy.addSuppressed(e);
        throw copy;
      }
      PoolConnectFailure l = last;
      if (e instanceof SQLTransientException && !(e instanceof LakebaseConnectFailure)
          && l != null && failures != failuresBefore) {
        // The library timed out while the core was failing: the core's message says why.
        SQLException core = LakebaseConnectFailure.find(e)
            .filter(SQLException.class::isInstance).map(SQLException.class::cast)
            .orElse(l.failure());
        if (core != null) {
          SQLException copy = FailureCopies.copy(core);
          copy.addSuppressed(e);
          throw copy;
        }
      }
      throw e;
    } finally {
      if (w != null) {
        unregister(w);
      }
    }
  }

  private Waiter register() {
    Waiter w = new Waiter();
    waiters.add(w);
    current.set(w);
    return w;
  }

  private void unregister(Waiter w) {
    current.remove();
    synchronized (w) {
      w.done = true;
    }
    waiters.remove(w);
    if (w.wokenBy != null) {
      Thread.interrupted(); // ours, not the caller's: clear it
    }
  }

  /**
   * The last failed connect since the last success.
   *
   * @return the failure, if any
   */
  public Optional<PoolConnectFailure> lastFailure() {
    return Optional.ofNullable(last);
  }

  /** A copy of the permanent failure in force when no attempt is due, else {@code null}. */
  private SQLException failFast() {
    if (permanent == null) {
      return null; // the steady state: no lock taken
    }
    SQLException in;
    synchronized (lock) {
      in = permanent != null && System.nanoTime() - nextAttemptNanos < 0 ? permanent : null;
    }
    return in != null && poolEmpty.getAsBoolean() ? FailureCopies.copy(in) : null;
  }

  Connection open(DataSource physical) throws SQLException {
    SQLException refused = null;
    synchronized (lock) {
      if (permanent != null) {
        long now = System.nanoTime();
        if (now - nextAttemptNanos < 0) {
          refused = FailureCopies.copy(permanent);
        } else {
          // This attempt is the period's one: later ones wait for the next period.
          nextAttemptNanos = now + backoffNanos;
          backoffNanos = Math.min(backoffNanos * 2, MAX_BACKOFF.toNanos());
        }
      }
    }
    if (refused != null) {
      wake(refused);
      throw refused;
    }
    Waiter w = current.get();
    if (w != null) {
      synchronized (w) {
        w.connecting = true;
      }
    }
    try {
      Connection c = physical.getConnection();
      synchronized (lock) {
        permanent = null;
      }
      last = null;
      return c;
    } catch (SQLException e) {
      failed(e);
      throw e;
    } finally {
      if (w != null) {
        synchronized (w) {
          w.connecting = false;
        }
      }
    }
  }

  private void failed(SQLException e) {
    boolean isPermanent = LakebaseConnectFailure.find(e)
        .map(LakebaseConnectFailure::isPermanent).orElse(false);
    failures++; // concurrent failures may lose an increment, but the value still changes
    last = new PoolConnectFailure(Instant.now(), e, isPermanent);
    synchronized (lock) {
      if (!isPermanent) {
        permanent = null;
        return;
      }
      if (permanent == null) {
        backoffNanos = FIRST_BACKOFF.toNanos();
        nextAttemptNanos = System.nanoTime() + backoffNanos;
        backoffNanos *= 2;
      }
      permanent = e;
    }
    wake(e);
  }

  private void wake(SQLException cause) {
    if (!wakeWaiters || waiters.isEmpty() || !poolEmpty.getAsBoolean()) {
      return;
    }
    for (Waiter w : waiters) {
      synchronized (w) {
        if (!w.done && !w.connecting && w.wokenBy == null) {
          w.wokenBy = cause;
          w.thread.interrupt();
        }
      }
    }
  }

  /** What the pool library sees as its DataSource. */
  private static final class GatedDataSource implements DataSource {
    private final DataSource physical;
    private final ConnectGate gate;

    GatedDataSource(DataSource physical, ConnectGate gate) {
      this.physical = physical;
      this.gate = gate;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return gate.open(physical);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return physical.getConnection(username, password); // the core explains why not
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return physical.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      physical.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      physical.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return physical.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return physical.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      return iface.isInstance(physical) ? iface.cast(physical) : physical.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
      return iface.isInstance(physical) || physical.isWrapperFor(iface);
    }
  }
}
