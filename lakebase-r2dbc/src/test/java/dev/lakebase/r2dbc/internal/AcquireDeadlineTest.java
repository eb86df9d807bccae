package dev.lakebase.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.Timer;
import io.netty.util.TimerTask;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The acquire deadline: no timer for an answer at subscribe time, a timeout otherwise. */
class AcquireDeadlineTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final HashedWheelTimer wheel = new HashedWheelTimer(10, TimeUnit.MILLISECONDS);
  private final List<Timeout> scheduled = new CopyOnWriteArrayList<>();
  private final AtomicInteger closed = new AtomicInteger();

  /** The deadline timer, keeping what it was asked to schedule. */
  private final Timer timer = new Timer() {
    @Override
    public Timeout newTimeout(TimerTask task, long delay, TimeUnit unit) {
      Timeout t = wheel.newTimeout(task, delay, unit);
      scheduled.add(t);
      return t;
    }

    @Override
    public Set<Timeout> stop() {
      return wheel.stop();
    }
  };

  @AfterEach
  void stop() {
    wheel.stop();
  }

  @Test
  void anAcquireAnsweredWhileSubscribedArmsNoTimer() {
    Connection connection = connection();
    assertThat(new AcquireDeadline<>(Mono.just(connection), WAIT, timer).block(WAIT))
        .isSameAs(connection);
    assertThatThrownBy(() -> new AcquireDeadline<Connection>(
        Mono.error(new IllegalStateException("refused")), WAIT, timer).block(WAIT))
        .hasMessage("refused");
    assertThat(scheduled).isEmpty();
  }

  @Test
  void aWaitingAcquireTimesOutWithR2dbcPoolsMessage() {
    AtomicBoolean cancelled = new AtomicBoolean();
    Mono<Connection> never = Mono.<Connection>never().doOnCancel(() -> cancelled.set(true));
    assertThatThrownBy(() -> new AcquireDeadline<>(never, Duration.ofMillis(100), timer)
        .block(WAIT))
        .isInstanceOf(R2dbcTimeoutException.class)
        .hasMessage("Connection acquisition timed out after 100ms");
    assertThat(scheduled).hasSize(1);
    assertThat(cancelled).as("the pool's pending acquire is cancelled").isTrue();
  }

  @Test
  void anAnswerInTimeCancelsTheTimer() {
    Sinks.One<Connection> pool = Sinks.one();
    AtomicReference<Connection> got = new AtomicReference<>();
    new AcquireDeadline<>(pool.asMono(), WAIT, timer).subscribe(got::set);
    assertThat(scheduled).hasSize(1);
    Connection connection = connection();
    pool.tryEmitValue(connection);
    assertThat(got).hasValue(connection);
    assertThat(scheduled.get(0).isCancelled()).isTrue();
    assertThat(closed).hasValue(0);
  }

  @Test
  void aConnectionArrivingAfterTheDeadlineGoesBackToThePool() {
    // An acquire that ignores the cancel, as one racing with the deadline does.
    AtomicReference<Subscriber<? super Connection>> acquirer = new AtomicReference<>();
    Mono<Connection> racing = Mono.fromDirect(s -> {
      s.onSubscribe(new Subscription() {
        @Override
        public void request(long n) {}

        @Override
        public void cancel() {}
      });
      acquirer.set(s);
    });
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Connection> got = new AtomicReference<>();
    new AcquireDeadline<>(racing, Duration.ofMillis(50), timer).subscribe(got::set, failure::set);
    await().atMost(WAIT).until(() -> failure.get() != null);
    assertThat(failure.get()).isInstanceOf(R2dbcTimeoutException.class);

    acquirer.get().onNext(connection());
    acquirer.get().onComplete();
    assertThat(got).hasValue(null);
    assertThat(closed).as("closing a pooled connection releases it").hasValue(1);
  }

  @Test
  void aCancelledAcquireCancelsThePoolsAcquireAndTheTimer() {
    AtomicBoolean cancelled = new AtomicBoolean();
    Mono<Connection> never = Mono.<Connection>never().doOnCancel(() -> cancelled.set(true));
    new AcquireDeadline<>(never, WAIT, timer).subscribe().dispose();
    assertThat(cancelled).isTrue();
    assertThat(scheduled).hasSize(1);
    assertThat(scheduled.get(0).isCancelled()).isTrue();
  }

  private Connection connection() {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          switch (method.getName()) {
            case "close" -> {
              closed.incrementAndGet();
              return Mono.empty();
            }
            case "equals" -> {
              return proxy == args[0];
            }
            case "hashCode" -> {
              return System.identityHashCode(proxy);
            }
            case "toString" -> {
              return "connection";
            }
            default -> { }
          }
          throw new UnsupportedOperationException(method.getName());
        });
  }
}
