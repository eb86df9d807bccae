package dev.lakebase.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process-wide daemon threads of the library: one scheduler thread that times background
 * refreshes, and a small elastic pool that runs workspace API calls (mints, discovery), so that a
 * connect can stop waiting for a slow call at its deadline while the call itself completes and
 * serves later connects.
 */
public final class LakebaseExecutors {

  private static final ScheduledExecutorService SCHEDULER = scheduler();
  private static final ExecutorService WORKSPACE_CALLS =
      Executors.newCachedThreadPool(daemon("lakebase-workspace-call-"));

  private LakebaseExecutors() {}

  /**
   * Runs workspace API calls.
   *
   * @return the executor
   */
  public static Executor workspaceCalls() {
    return WORKSPACE_CALLS;
  }

  /**
   * Schedules a task on the refresh thread.
   *
   * @param task the task
   * @param delay when to run it
   * @return the scheduled task, cancellable
   */
  public static Future<?> schedule(Runnable task, Duration delay) {
    return SCHEDULER.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
  }

  private static ScheduledExecutorService scheduler() {
    ScheduledThreadPoolExecutor s =
        new ScheduledThreadPoolExecutor(1, r -> {
          Thread t = new Thread(r, "lakebase-credential-refresh");
          t.setDaemon(true);
          return t;
        });
    s.setRemoveOnCancelPolicy(true);
    return s;
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
