package dev.lakebase.r2dbc.internal;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A deadline on a pool acquire, on a coarse timer wheel. r2dbc-pool's {@code maxAcquireTime} is
 * Reactor's {@code timeout}: a task scheduled and cancelled on a shared {@code
 * ScheduledThreadPoolExecutor} for every acquire, under its lock and often waking its thread
 * (measured: 4 % of a pooled {@code SELECT 1}). The deadline here is a lock-free queue offer to
 * Netty's {@link HashedWheelTimer}, which ticks every 100 ms: a deadline of seconds may fire up to
 * a tick late. A connection that arrives after the deadline is closed, which returns it to the
 * pool.
 *
 * @param <T> the connection type
 */
public final class AcquireDeadline<T extends Connection> extends MonoOperator<T, T> {

  /** One wheel thread for every pool of the process, started with the first deadline. */
  private static final class Wheel {
    static final Timer INSTANCE = new HashedWheelTimer(
        new DefaultThreadFactory("lakebase-r2dbc-acquire-deadline", true),
        100, TimeUnit.MILLISECONDS, 512);
  }

  private final long timeoutMillis;
  private final Timer timer;

  /**
   * Bounds an acquire on the shared wheel.
   *
   * @param acquire the acquire
   * @param timeout how long it may take, positive
   */
  public AcquireDeadline(Mono<T> acquire, Duration timeout) {
    this(acquire, timeout, Wheel.INSTANCE);
  }

  /**
   * Bounds an acquire.
   *
   * @param acquire the acquire
   * @param timeout how long it may take, positive
   * @param timer where the deadline is scheduled
   */
  AcquireDeadline(Mono<T> acquire, Duration timeout, Timer timer) {
    super(acquire);
    this.timeoutMillis = timeout.toMillis();
    this.timer = timer;
  }

  @Override
  public void subscribe(CoreSubscriber<? super T> actual) {
    DeadlineSubscriber<T> deadline = new DeadlineSubscriber<>(actual, timeoutMillis);
    source.subscribe(deadline);
    deadline.armIfPending(timer);
  }

  /** Forwards one acquire's signals until the first of: its outcome, the deadline, a cancel. */
  static final class DeadlineSubscriber<T extends Connection>
      implements CoreSubscriber<T>, Subscription, TimerTask {

    private static final int PENDING = 0;
    private static final int ANSWERED = 1;
    private static final int ABANDONED = 2;
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> STATE =
        AtomicIntegerFieldUpdater.newUpdater(DeadlineSubscriber.class, "state");

    private final CoreSubscriber<? super T> actual;
    private final long timeoutMillis;
    private Subscription upstream;
    private volatile int state;
    private volatile Timeout task;

    DeadlineSubscriber(CoreSubscriber<? super T> actual, long timeoutMillis) {
      this.actual = actual;
      this.timeoutMillis = timeoutMillis;
    }

    /**
     * Called once the source was subscribed (so the deadline can cancel it): an acquire answered
     * meanwhile needs no timer.
     */
    void armIfPending(Timer timer) {
      if (state != PENDING) {
        return;
      }
      Timeout scheduled = timer.newTimeout(this, timeoutMillis, TimeUnit.MILLISECONDS);
      task = scheduled;
      // An outcome between the check and the assignment saw no task to cancel.
      if (state != PENDING) {
        scheduled.cancel();
      }
    }

    private boolean finish(int outcome) {
      if (!STATE.compareAndSet(this, PENDING, outcome)) {
        return false;
      }
      Timeout scheduled = task;
      if (scheduled != null) {
        scheduled.cancel();
      }
      return true;
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
      }
    }

    @Override
    public void onNext(T connection) {
      if (finish(ANSWERED)) {
        actual.onNext(connection);
      } else if (state == ABANDONED) {
        // Too late for the acquirer (or it cancelled): give the connection back to the pool.
        Mono.from(connection.close()).subscribe();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (finish(ANSWERED) || state == ANSWERED) {
        actual.onError(t);
      } else {
        Operators.onErrorDropped(t, actual.currentContext());
      }
    }

    @Override
    public void onComplete() {
      if (finish(ANSWERED) || state == ANSWERED) {
        actual.onComplete();
      }
    }

    /** The deadline, on the wheel's thread. */
    @Override
    public void run(Timeout timeout) {
      if (finish(ABANDONED)) {
        upstream.cancel();
        actual.onError(new R2dbcTimeoutException(
            "Connection acquisition timed out after " + timeoutMillis + "ms"));
      }
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      // Once answered, the acquire (a Mono) has nothing left to cancel.
      if (finish(ABANDONED)) {
        upstream.cancel();
      }
    }
  }
}
