package dev.lakebase.examples.orders;

import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Keeps requests flowing: a few client threads send a mix of reads and writes in a loop, each
 * request's outcome recorded under the phase in which it completed. Bounded: it stops when
 * closed (every test closes it), and every request has the client's timeout.
 */
final class Traffic implements AutoCloseable {

  /**
   * @param started the phase when the request started
   * @param phase the phase when the request completed
   * @param status HTTP status, or 0 when the request itself failed
   * @param retryAfter whether the response had Retry-After
   * @param timedOut whether the client gave up waiting (a hang)
   * @param startedWhileSuspended whether the endpoint was not ACTIVE when the request started
   */
  record Outcome(int started, int phase, int status, boolean retryAfter, boolean timedOut,
      boolean startedWhileSuspended) {

    boolean ok() {
      return status == 200;
    }
  }

  private final Http http;
  private final List<Long> keys;
  private final BooleanSupplier suspended;
  private final ExecutorService workers;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicInteger phase = new AtomicInteger(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();

  Traffic(Http http, List<Long> keys, int threads, BooleanSupplier suspended) {
    this.http = http;
    this.keys = keys;
    this.suspended = suspended;
    this.workers = Executors.newFixedThreadPool(threads);
    for (int i = 0; i < threads; i++) {
      workers.execute(this::loop);
    }
  }

  private void loop() {
    while (running.get()) {
      long key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
      boolean whileSuspended = suspended.getAsBoolean();
      int started = phase.get();
      inFlight.incrementAndGet();
      Outcome outcome;
      try {
        Http.Response response = switch (ThreadLocalRandom.current().nextInt(4)) {
          case 0 -> http.get("/orders/" + key);
          case 1 -> http.get("/orders/count");
          case 2 -> http.get("/orders/stream?page_size=50&cursor=" + key);
          default -> http.post("/orders/" + key + "/status",
              "{\"o_orderstatus\": \"" + "FOP".charAt((int) (key % 3)) + "\"}");
        };
        outcome = new Outcome(started, phase.get(), response.status(),
            response.header("Retry-After").isPresent(), false, whileSuspended);
      } catch (RuntimeException e) {
        outcome = new Outcome(started, phase.get(), 0, false, e.getCause() instanceof HttpTimeoutException,
            whileSuspended);
      } finally {
        inFlight.decrementAndGet();
      }
      outcomes.add(outcome);
    }
  }

  /**
   * Starts a phase: requests completing from now on count under it.
   *
   * @param next the phase number
   * @return requests in flight at this moment
   */
  int phase(int next) {
    phase.set(next);
    return inFlight.get();
  }

  /**
   * @param of the phase
   * @return the outcomes of requests that completed in it
   */
  List<Outcome> outcomes(int of) {
    return outcomes.stream().filter(outcome -> outcome.phase() == of).toList();
  }

  /** @return every outcome so far */
  List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  @Override
  public void close() {
    running.set(false);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(Http.TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("client threads did not stop");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      workers.shutdownNow();
    }
  }
}
