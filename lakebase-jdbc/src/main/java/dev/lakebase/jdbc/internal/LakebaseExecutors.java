package dev.lakebase.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide daemon threads of the library: one scheduler thread that times background
 * refreshes, and a small elastic pool that runs workspace API calls (mints, discovery), so that a
 * connect can stop waiting for a slow call at its deadline while the call itself completes and
 * serves later connects.
 *
 * <p>Both are started on first use and stopped by {@link #shutdown()} ({@code
 * LakebaseRuntime.shutdown()}); a later use starts them again, so a shut-down runtime still works.
 */
final class LakebaseExecutors {

  /** Hands each task to the executor of the moment, so callers may keep it across a shutdown. */
  private static final Executor WORKSPACE_CALLS = task -> workspacePool().execute(task);

  /** Tasks scheduled since the class was loaded (for tests of the lazy refresh mode). */
  private static final java.util.concurrent.atomic.AtomicLong SCHEDULED =
      new java.util.concurrent.atomic.AtomicLong();

  private static ExecutorService workspacePool;
  private static ScheduledThreadPoolExecutor scheduler;

  private LakebaseExecutors() {}

  /**
   * Runs workspace API calls.
   *
   * @return the executor
   */
  static Executor workspaceCalls() {
    return WORKSPACE_CALLS;
  }

  /**
   * Schedules a task on the refresh thread.
   *
   * @param task the task
   * @param delay when to run it
   * @return the scheduled task, cancellable
   */
  static Future<?> schedule(Runnable task, Duration delay) {
    SCHEDULED.incrementAndGet();
    return scheduler().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Stops both thread pools; running workspace calls are interrupted. */
  static synchronized void shutdown() {
    if (workspacePool != null) {
      workspacePool.shutdownNow();
      workspacePool = null;
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }

  /**
   * Whether the threads are running (for tests of {@code shutdown()}).
   *
   * @return {@code true} when either pool exists
   */
  static synchronized boolean running() {
    return workspacePool != null || scheduler != null;
  }

  /**
   * Whether the refresh scheduler thread exists.
   *
   * @return {@code true} once something was scheduled since the last shutdown
   */
  static synchronized boolean schedulerRunning() {
    return scheduler != null;
  }

  /**
   * Tasks scheduled so far: background refreshes and connect-deadline timers.
   *
   * @return the count since the class was loaded
   */
  static long scheduledTasks() {
    return SCHEDULED.get();
  }

  private static synchronized ExecutorService workspacePool() {
    if (workspacePool == null) {
      workspacePool = Executors.newCachedThreadPool(daemon("lakebase-workspace-call-"));
    }
    return workspacePool;
  }

  private static synchronized ScheduledThreadPoolExecutor scheduler() {
    if (scheduler == null) {
      ScheduledThreadPoolExecutor s =
          new ScheduledThreadPoolExecutor(1, daemon("lakebase-credential-refresh-"));
      s.setRemoveOnCancelPolicy(true);
      scheduler = s;
    }
    return scheduler;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
