package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebasePooledDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks that a pooled connection can be borrowed and is valid, waiting at most a timeout. A
 * borrow may take as long as the pool's connection timeout (a cold start, a suspended endpoint),
 * so it runs on its own daemon thread; a check that outlives the timeout keeps running and the
 * next check joins it instead of starting another, so slow checks never pile up.
 */
final class ConnectionProbe {

  /**
   * The outcome of a check.
   *
   * @param reachable whether a valid connection was obtained
   * @param host the server host of the connection, when known
   * @param error what went wrong, when not reachable
   */
  public record Result(boolean reachable, Optional<String> host, Optional<String> error) {

    static Result up(String host) {
      return new Result(true, Optional.ofNullable(host), Optional.empty());
    }

    static Result down(String error) {
      return new Result(false, Optional.empty(), Optional.of(error));
    }
  }

  /** A borrowed connection turned out dead: not yet a verdict on the endpoint. */
  private static final Result STALE = Result.down("pooled connections failed their validity check");

  private final LakebasePooledDataSource pool;
  private final Duration timeout;
  private CompletableFuture<Result> inFlight;

  /**
   * Creates a probe.
   *
   * @param pool the pool to borrow from
   * @param timeout the longest wait of {@link #check()}
   */
  public ConnectionProbe(LakebasePooledDataSource pool, Duration timeout) {
    this.pool = pool;
    this.timeout = timeout;
  }

  /**
   * Borrows a connection and validates it, or joins the check still running.
   *
   * @return the result, DOWN when no answer came within the timeout
   */
  public Result check() {
    CompletableFuture<Result> check;
    synchronized (this) {
      if (inFlight == null || inFlight.isDone()) {
        inFlight = start();
      }
      check = inFlight;
    }
    try {
      return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return Result.down("no valid connection within the health timeout of " + timeout.toMillis()
          + " ms (the check goes on in the background; raise lakebase.health.timeout to wait"
          + " longer)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.down("interrupted while waiting for a connection");
    } catch (ExecutionException e) {
      return Result.down(String.valueOf(e.getCause()));
    }
  }

  private CompletableFuture<Result> start() {
    CompletableFuture<Result> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> result.complete(borrow()), "lakebase-health-check");
    thread.setDaemon(true);
    thread.start();
    return result;
  }

  private Result borrow() {
    Result first = borrowOnce();
    // A connection that died since its last use (e.g. the endpoint suspended and closed its
    // sessions) is discarded; only a second borrow says whether the endpoint is reachable.
    return first == STALE ? borrowOnce() : first;
  }

  private Result borrowOnce() {
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLException | RuntimeException e) {
      return Result.down(describe(e));
    }
    try {
      if (connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
        connection.close();
        return Result.up(pool.lakebaseDataSource().host().orElse(null));
      }
    } catch (SQLException | RuntimeException e) {
      // a dead connection: discarded below
    }
    discard(connection);
    return STALE;
  }

  /** Closes a dead connection and makes sure the pool does not hand it out again. */
  private void discard(Connection connection) {
    try {
      pool.evict(connection);
    } catch (SQLException | RuntimeException e) {
      // already gone
    }
  }

  /** The pool's message and the connect failure it wraps (the core's messages are redacted). */
  private static String describe(Exception e) {
    String message = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
      message = message + ": " + cause.getMessage();
    }
    return message;
  }

}
