package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final CredentialCache.Settings DEFAULTS =
      new CredentialCache.Settings(Duration.ofMinutes(15), Duration.ofMinutes(2));

  private final MutableClock clock = new MutableClock();
  private final ManualScheduler scheduler = new ManualScheduler();
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final List<MintEvent> events = new CopyOnWriteArrayList<>();
  private final Listeners listeners = new Listeners(List.of(new LakebaseListener() {
    @Override
    public void onMint(MintEvent e) {
      events.add(e);
    }
  }));

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  private CredentialCache cache(FakeProvider provider, CredentialCache.Settings settings) {
    CredentialCache cache =
        new CredentialCache(provider, "dev@example.com", settings, clock, Runnable::run,
            scheduler);
    cache.retain(listeners);
    return cache;
  }

  private static Deadline soon() {
    return Deadline.after(Duration.ofSeconds(10));
  }

  @Test
  void servesTheCachedTokenUntilOnlyTheSafetyMarginIsLeft() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMinutes(57));
    assertThat(cache.get(soon())).isSameAs(first);
    assertThat(provider.calls.get()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    DatabaseCredential second = cache.get(soon());
    assertThat(second.token()).isNotEqualTo(first.token());
    assertThat(provider.calls.get()).isEqualTo(2);
  }

  @Test
  void theSafetyMarginIsCappedAtATenthOfTheTokenLife() throws Exception {
    FakeProvider provider = new FakeProvider(clock, Duration.ofSeconds(10));
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMillis(8_500));
    assertThat(cache.get(soon())).as("1.5 s left > 1 s margin").isSameAs(first);
    clock.advance(Duration.ofMillis(600));
    assertThat(cache.get(soon())).isNotSameAs(first);
  }

  @Test
  void refreshIsScheduledAheadOfExpiryAndRunsInTheBackground() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential first = cache.get(soon());
    assertThat(scheduler.lastDelay()).isEqualTo(Duration.ofMinutes(45));
    clock.advance(Duration.ofMinutes(45));
    scheduler.runAll();
    assertThat(provider.calls.get()).isEqualTo(2);
    assertThat(events).extracting(MintEvent::background).containsExactly(false, true);
    DatabaseCredential refreshed = cache.get(soon());
    assertThat(refreshed).isNotSameAs(first);
    assertThat(provider.calls.get()).as("the connect did not mint").isEqualTo(2);
  }

  @Test
  void lazyModeSchedulesNothingAndTheDueConnectRefreshes() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider,
        new CredentialCache.Settings(Duration.ofMinutes(15), Duration.ofMinutes(2), true));
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMinutes(44));
    assertThat(cache.get(soon())).isSameAs(first);
    clock.advance(Duration.ofMinutes(1));
    DatabaseCredential second = cache.get(soon());
    assertThat(second).isNotSameAs(first);
    assertThat(scheduler.tasks).as("nothing scheduled in lazy mode").isEmpty();
    assertThat(events).extracting(MintEvent::background).containsExactly(false, false);
  }

  @Test
  void lazyModeServesTheCurrentTokenWhenTheRefreshFailsAndBacksOff() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider,
        new CredentialCache.Settings(Duration.ofMinutes(15), Duration.ofMinutes(2), true));
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMinutes(46));
    provider.failing = new CredentialException("HTTP 503 TEMPORARILY_UNAVAILABLE", true, null);
    assertThat(cache.get(soon())).as("still usable: served").isSameAs(first);
    assertThat(cache.get(soon())).as("inside the backoff: no new mint").isSameAs(first);
    assertThat(provider.calls.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(2));
    assertThat(cache.getAsync().get()).isSameAs(first);
    assertThat(provider.calls.get()).as("retried after the backoff").isEqualTo(3);
    provider.failing = null;
    clock.advance(Duration.ofMinutes(1));
    assertThat(cache.get(soon())).isNotSameAs(first);
    assertThat(scheduler.tasks).isEmpty();
  }

  @Test
  void refreshAheadIsCappedAtHalfTheTokenLife() throws Exception {
    FakeProvider provider = new FakeProvider(clock, Duration.ofSeconds(10));
    cache(provider, DEFAULTS).get(soon());
    assertThat(scheduler.lastDelay()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aFailingRefreshKeepsTheCurrentTokenInServiceAndRetries() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMinutes(45));
    provider.failing = new CredentialException("HTTP 503 TEMPORARILY_UNAVAILABLE", true, null);
    scheduler.runAll();
    assertThat(cache.get(soon())).isSameAs(first);
    CredentialStatus status = cache.status();
    assertThat(status.mintFailures()).isEqualTo(1);
    assertThat(status.lastMintError()).contains("HTTP 503 TEMPORARILY_UNAVAILABLE");
    assertThat(scheduler.lastDelay()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    assertThat(events).last().satisfies(e -> {
      assertThat(e.success()).isFalse();
      assertThat(e.background()).isTrue();
      assertThat(e.expiresAt()).isNull();
    });
    provider.failing = null;
    scheduler.runAll();
    assertThat(cache.get(soon())).isNotSameAs(first);
    assertThat(cache.status().lastMintError()).isEmpty();
  }

  @Test
  void onceTheTokenIsTooOldAFailingMintFailsTheConnect() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    cache.get(soon());
    provider.failing = new CredentialException("HTTP 503 TEMPORARILY_UNAVAILABLE", true, null);
    clock.advance(Duration.ofMinutes(59));
    assertThatThrownBy(() -> cache.get(soon()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("503")
        .satisfies(e -> assertThat(((CredentialException) e).isTransient()).isTrue());
  }

  @Test
  void invalidateDropsOnlyTheCurrentToken() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential first = cache.get(soon());
    cache.invalidate("some-older-token");
    assertThat(cache.get(soon())).isSameAs(first);
    cache.invalidate(first.token());
    DatabaseCredential second = cache.get(soon());
    assertThat(second).isNotSameAs(first);
    cache.invalidate(first.token());
    assertThat(cache.get(soon())).as("a stale rejection does not drop the new token")
        .isSameAs(second);
    assertThat(provider.calls.get()).isEqualTo(2);
  }

  @Test
  void concurrentCallersShareOneMint() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    provider.gate = new CountDownLatch(1);
    CredentialCache cache = new CredentialCache(provider, "dev", DEFAULTS, clock, pool,
        scheduler);
    int callers = 16;
    CountDownLatch waiting = new CountDownLatch(callers);
    List<CompletableFuture<DatabaseCredential>> results = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      results.add(CompletableFuture.supplyAsync(() -> {
        waiting.countDown();
        try {
          return cache.get(soon());
        } catch (CredentialException e) {
          throw new IllegalStateException(e);
        }
      }, pool));
    }
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(provider.entered.await(10, TimeUnit.SECONDS)).isTrue();
    provider.gate.countDown();
    Set<String> tokens = new HashSet<>();
    for (CompletableFuture<DatabaseCredential> r : results) {
      tokens.add(r.get(10, TimeUnit.SECONDS).token());
    }
    assertThat(tokens).hasSize(1);
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void aCallerStopsWaitingAtItsDeadlineWhileTheMintCompletesForLaterCallers()
      throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    provider.gate = new CountDownLatch(1);
    CredentialCache cache = new CredentialCache(provider, "dev", DEFAULTS, clock, pool,
        scheduler);
    assertThatThrownBy(() -> cache.get(Deadline.after(Duration.ofMillis(50))))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("still waiting for a credential")
        .satisfies(e -> assertThat(((CredentialException) e).isTransient()).isTrue());
    provider.gate.countDown();
    assertThat(cache.get(soon())).isNotNull();
    assertThat(provider.calls.get()).isEqualTo(1);
  }

  @Test
  void anUnheldCacheRefreshesOnlyOnceItServesAConnectAndThatConnectDoesNotWait()
      throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = new CredentialCache(provider, "dev", DEFAULTS, clock, pool,
        scheduler);
    DatabaseCredential first = cache.get(soon());
    clock.advance(Duration.ofMinutes(50));
    scheduler.runAll();
    assertThat(provider.calls.get()).as("nobody used it after the mint").isEqualTo(1);
    provider.gate = new CountDownLatch(1);
    assertThat(cache.get(soon())).as("served at once while the refresh is blocked")
        .isSameAs(first);
    provider.gate.countDown();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> cache.status().mints() == 2);
    assertThat(cache.get(soon())).isNotSameAs(first);
  }

  @Test
  void aClosedCacheSchedulesNothing() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    cache.get(soon());
    assertThat(scheduler.tasks).hasSize(1);
    cache.close();
    assertThat(scheduler.tasks.get(0).cancelled).isTrue();
  }

  @Test
  void statusAndEventsDescribeTheCredentialWithoutTheToken() throws Exception {
    FakeProvider provider = new FakeProvider(clock, HOUR);
    CredentialCache cache = cache(provider, DEFAULTS);
    DatabaseCredential c = cache.get(soon());
    CredentialStatus status = cache.status();
    assertThat(status.expiresAt()).contains(c.expiresAt());
    assertThat(status.identity()).contains("dev@example.com");
    assertThat(status.mints()).isEqualTo(1);
    assertThat(status.target()).isEqualTo("fake target");
    assertThat(status.toString()).doesNotContain(c.token());
    assertThat(events).singleElement().satisfies(e -> {
      assertThat(e.success()).isTrue();
      assertThat(e.expiresAt()).isEqualTo(c.expiresAt());
      assertThat(e.toString()).doesNotContain(c.token());
    });
    assertThat(c.toString()).doesNotContain(c.token());
  }

  @Test
  void staticPasswordsAreNeverRefreshed() throws Exception {
    CredentialCache cache = new CredentialCache(new StaticCredentialProvider("pw"), "app",
        DEFAULTS, clock, Runnable::run, scheduler);
    assertThat(cache.get(soon()).token()).isEqualTo("pw");
    assertThat(scheduler.tasks).isEmpty();
  }

  /** Mints "token-N" valid for {@code life}; can block on a gate or fail. */
  static final class FakeProvider implements CredentialProvider {
    final AtomicInteger calls = new AtomicInteger();
    final CountDownLatch entered = new CountDownLatch(1);
    final MutableClock clock;
    final Duration life;
    volatile CountDownLatch gate;
    volatile CredentialException failing;

    FakeProvider(MutableClock clock, Duration life) {
      this.clock = clock;
      this.life = life;
    }

    @Override
    public DatabaseCredential mint() throws CredentialException {
      int n = calls.incrementAndGet();
      entered.countDown();
      if (gate != null) {
        try {
          gate.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failing != null) {
        throw failing;
      }
      return new DatabaseCredential("token-" + n, clock.instant().plus(life));
    }

    @Override
    public String cacheKey() {
      return "fake";
    }

    @Override
    public String description() {
      return "fake target";
    }
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Records scheduled tasks; the test runs them. */
  static final class ManualScheduler implements CredentialCache.Scheduler {
    final List<Task> tasks = new CopyOnWriteArrayList<>();

    @Override
    public Future<?> schedule(Runnable task, Duration delay) {
      Task t = new Task(task, delay);
      tasks.add(t);
      return t;
    }

    Duration lastDelay() {
      return tasks.get(tasks.size() - 1).delay;
    }

    void runAll() {
      for (Task t : List.copyOf(tasks)) {
        tasks.remove(t);
        if (!t.cancelled) {
          t.task.run();
        }
      }
    }
  }

  static final class Task extends CompletableFuture<Void> {
    final Runnable task;
    final Duration delay;
    volatile boolean cancelled;

    Task(Runnable task, Duration delay) {
      this.task = task;
      this.delay = delay;
    }

    @Override
    public boolean cancel(boolean mayInterrupt) {
      cancelled = true;
      return true;
    }
  }
}
