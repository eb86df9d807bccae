package dev.lakebase.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reactive workers that acquire a connection, run a short query and release it, in a loop until
 * stopped or a deadline passes (a bounded soak). Failures are kept with the step that failed.
 */
final class ReactiveLoad implements AutoCloseable {

  /** A short query that holds the connection a little, so that sessions are busy at any time. */
  static final String QUERY = "select pg_sleep(0.002)";

  record Failure(boolean duringAcquire, Throwable error) {
    String sqlState() {
      return error instanceof R2dbcException e ? e.getSqlState() : null;
    }

    @Override
    public String toString() {
      return (duringAcquire ? "acquire" : "query") + " failed: " + sqlState() + " " + error;
    }
  }

  private final ConnectionFactory pool;
  private final int workers;
  private final AtomicLong queries = new AtomicLong();
  private final AtomicLong maxAcquireNanos = new AtomicLong();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  private volatile boolean stopped;
  private Disposable running;
  private Mono<Void> done;

  ReactiveLoad(ConnectionFactory pool, int workers) {
    this.pool = pool;
    this.workers = workers;
  }

  ReactiveLoad start(Instant deadline) {
    done = Flux.range(0, workers)
        .flatMap(i -> Mono.defer(this::once)
            .repeat(() -> !stopped && Instant.now().isBefore(deadline)), workers)
        .then()
        .cache();
    running = done.subscribe();
    return this;
  }

  private Mono<Void> once() {
    long start = System.nanoTime();
    return Mono.from(pool.create())
        .onErrorResume(e -> {
          failures.add(new Failure(true, e));
          return Mono.empty();
        })
        .flatMap(c -> {
          maxAcquireNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
          return Flux.from(c.createStatement(QUERY).execute())
              .flatMap(r -> Mono.from(r.getRowsUpdated()).then())
              .then(Mono.fromRunnable(queries::incrementAndGet))
              .onErrorResume(e -> {
                failures.add(new Failure(false, e));
                return Mono.empty();
              })
              .then(Mono.from(c.close()).onErrorResume(e -> Mono.empty()));
        })
        .then();
  }

  long queries() {
    return queries.get();
  }

  List<Failure> failures() {
    return failures;
  }

  long acquireFailures() {
    return failures.stream().filter(Failure::duringAcquire).count();
  }

  Duration maxAcquireWait() {
    return Duration.ofNanos(maxAcquireNanos.get());
  }

  /** Waits until the workers reach their deadline. */
  void join() {
    done.block(Duration.ofMinutes(2));
  }

  /** Stops the workers and waits for their current query. */
  void stop() {
    stopped = true;
    done.block(Duration.ofSeconds(60));
  }

  @Override
  public void close() {
    stopped = true;
    if (running != null) {
      running.dispose();
    }
  }
}
