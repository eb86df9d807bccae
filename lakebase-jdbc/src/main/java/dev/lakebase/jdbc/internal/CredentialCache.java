package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import dev.lakebase.jdbc.spi.MintEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credential cache shared by every connect to one target as one identity.
 *
 * <ul>
 *   <li>A connect gets the current credential if it has at least {@code minTokenValidity'} left
 *       ({@code minTokenValidity} capped at a tenth of the token's life); otherwise it starts a
 *       mint, or joins the one in flight, and waits at most until its deadline.
 *   <li>After each mint a background refresh is scheduled {@code refreshAhead'} before expiry
 *       ({@code refreshAhead} capped at half the token's life), so in steady state no connect
 *       waits on a mint. It runs while a DataSource holds the cache, or when the cache served a
 *       connect since the last mint (the auth plugin has no lifecycle to hold it).
 *   <li>A failed refresh keeps the current credential in service and is retried with backoff.
 *   <li>In lazy mode ({@code refreshStrategy=lazy}) nothing is scheduled: a connect that finds
 *       the credential past its refresh time starts the mint (others join it) and waits for it;
 *       if it fails the current credential is served while usable, and the next connects retry
 *       after a backoff, so a failing API is not called once per connect.
 *   <li>{@link #invalidate} drops a credential the server rejected, only if it is still the
 *       current one, so many connects failing with the same token cause a single re-mint.
 * </ul>
 */
final class CredentialCache {

  /**
   * Timing of refreshes; see the class comment for how they are capped.
   *
   * @param refreshAhead how long before expiry to refresh
   * @param minTokenValidity least life of a credential handed out
   * @param lazy no background refresh: the connect that finds the credential due refreshes it
   */
  record Settings(Duration refreshAhead, Duration minTokenValidity, boolean lazy) {
    Settings(Duration refreshAhead, Duration minTokenValidity) {
      this(refreshAhead, minTokenValidity, false);
    }
  }

  /** Schedules background work; a seam so tests can run refreshes by hand. */
  @FunctionalInterface
  interface Scheduler {
    /**
     * Schedules a task.
     *
     * @param task the task
     * @param delay the delay
     * @return the cancellable task
     */
    Future<?> schedule(Runnable task, Duration delay);
  }

  private static final Logger log = LoggerFactory.getLogger(CredentialCache.class);
  /** Expiries further than this (static passwords) need no refresh. */
  private static final Duration NO_REFRESH_BEYOND = Duration.ofDays(365);

  private final CredentialProvider provider;
  private final String target;
  private final String identity;
  private final Settings settings;
  private final Clock clock;
  private final Executor executor;
  private final Scheduler scheduler;
  private final Backoff retryBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  private final List<Listeners> listeners = new CopyOnWriteArrayList<>();

  // All mutable state is guarded by "this".
  private Current current;
  private CompletableFuture<DatabaseCredential> inflight;
  private Future<?> refreshTask;
  private boolean servedSinceMint;
  private int refs;
  private boolean closed;
  private int refreshFailures;
  private Instant lastMintAt;
  /** Lazy mode: no refresh attempt before this instant after a failed one. */
  private Instant lazyRetryAt;
  private String lastMintError;
  private long mints;
  private long mintFailures;

  /**
   * The current credential, when it is due for refresh and until when it may be handed out.
   * Both instants are computed once per mint so that serving a credential, which happens on
   * every physical connect, is two instant comparisons under the lock.
   */
  private record Current(DatabaseCredential credential, Instant refreshAt, Instant usableUntil) {}

  /**
   * Creates a cache.
   *
   * @param provider mints credentials
   * @param identity the identity credentials are minted for (for events and status)
   * @param settings refresh timing
   * @param clock the clock expiries are compared with
   * @param executor runs mints
   * @param scheduler schedules background refreshes
   */
  public CredentialCache(CredentialProvider provider, String identity, Settings settings,
      Clock clock, Executor executor, Scheduler scheduler) {
    this.provider = provider;
    this.target = provider.description();
    this.identity = identity;
    this.settings = settings;
    this.clock = clock;
    this.executor = executor;
    this.scheduler = scheduler;
  }

  /**
   * Returns a credential with enough life left, minting one if needed.
   *
   * @param deadline how long the caller can wait for a mint
   * @return the credential
   * @throws CredentialException if no credential could be obtained before the deadline
   */
  public DatabaseCredential get(Deadline deadline) throws CredentialException {
    CompletableFuture<DatabaseCredential> f;
    DatabaseCredential fallback;
    synchronized (this) {
      DatabaseCredential served = serveCurrent();
      if (served != null) {
        return served;
      }
      fallback = lazyFallback();
      f = startMint(false);
    }
    try {
      return AsyncMemo.await(f, deadline, waitingFor());
    } catch (CredentialException e) {
      DatabaseCredential usable = stillUsable(fallback);
      if (usable != null) {
        return usable;
      }
      throw e;
    }
  }

  /**
   * Like {@link #get(Deadline)} without waiting: a completed future when the current credential
   * is usable, else the mint in flight (started if needed), which completes on a workspace-call
   * thread. The caller bounds the wait (see {@link Connector.Attempt}).
   *
   * @return the credential's future; fails with a {@link CredentialException}
   */
  public CompletableFuture<DatabaseCredential> getAsync() {
    DatabaseCredential fallback;
    CompletableFuture<DatabaseCredential> f;
    synchronized (this) {
      DatabaseCredential served = serveCurrent();
      if (served != null) {
        return CompletableFuture.completedFuture(served);
      }
      fallback = lazyFallback();
      f = startMint(false);
    }
    if (fallback == null) {
      return f;
    }
    return f.handle((minted, failure) -> {
      DatabaseCredential usable = failure == null ? minted : stillUsable(fallback);
      if (usable == null) {
        throw failure instanceof java.util.concurrent.CompletionException ce ? ce
            : new java.util.concurrent.CompletionException(failure);
      }
      return usable;
    });
  }

  /** Lazy mode: the current credential, due for refresh but still usable; caller holds the lock. */
  private DatabaseCredential lazyFallback() {
    if (!settings.lazy() || current == null || !clock.instant().isBefore(current.usableUntil())) {
      return null;
    }
    return current.credential();
  }

  /** The credential if it is still the current one and may be handed out. */
  private synchronized DatabaseCredential stillUsable(DatabaseCredential credential) {
    if (credential == null || current == null || current.credential() != credential
        || !clock.instant().isBefore(current.usableUntil())) {
      return null;
    }
    servedSinceMint = true;
    return credential;
  }

  /**
   * What a connect waiting for a mint waits for, for timeout messages.
   *
   * @return the description
   */
  String waitingFor() {
    return "a credential for " + target + " from the workspace API";
  }

  /** The current credential if it may be handed out, else {@code null}; caller holds the lock. */
  private DatabaseCredential serveCurrent() {
    Instant now = clock.instant();
    if (current == null || !now.isBefore(current.usableUntil())) {
      return null;
    }
    if (settings.lazy() && !now.isBefore(current.refreshAt())
        && (lazyRetryAt == null || !now.isBefore(lazyRetryAt))) {
      return null; // due: the caller refreshes, and waits for it
    }
    servedSinceMint = true;
    if (!settings.lazy() && !now.isBefore(current.refreshAt()) && refreshTask == null
        && !closed) {
      // The scheduled refresh was skipped because the cache was unused then: refresh now,
      // without making this connect wait.
      startMint(true);
    }
    return current.credential();
  }

  /**
   * Drops the credential with this token if it is still the current one.
   *
   * @param token the token the server rejected
   */
  public void invalidate(String token) {
    synchronized (this) {
      if (current == null || !current.credential().token().equals(token)) {
        return;
      }
      current = null;
    }
    log.info("Dropped the credential for {} after the server rejected it; minting a new one",
        target);
  }

  /**
   * Registers a user (a DataSource) whose events should be delivered and who wants background
   * refresh.
   *
   * @param user the user's listeners
   */
  public void retain(Listeners user) {
    synchronized (this) {
      refs++;
    }
    listeners.add(user);
  }

  /**
   * Unregisters a user registered with {@link #retain}.
   *
   * @param user the user's listeners
   */
  public void release(Listeners user) {
    synchronized (this) {
      refs = Math.max(0, refs - 1);
    }
    listeners.remove(user);
  }

  /** Stops background refresh for good. */
  public void close() {
    synchronized (this) {
      closed = true;
      if (refreshTask != null) {
        refreshTask.cancel(false);
        refreshTask = null;
      }
    }
  }

  /**
   * A snapshot for health checks and metrics.
   *
   * @return the status
   */
  public synchronized CredentialStatus status() {
    return new CredentialStatus(
        target,
        Optional.ofNullable(identity),
        Optional.ofNullable(current).map(c -> c.credential().expiresAt()),
        Optional.ofNullable(lastMintAt),
        Optional.ofNullable(lastMintError),
        mints,
        mintFailures);
  }

  /** Starts a mint unless one is in flight; caller holds the lock. */
  private CompletableFuture<DatabaseCredential> startMint(boolean background) {
    if (inflight != null) {
      return inflight;
    }
    CompletableFuture<DatabaseCredential> f = new CompletableFuture<>();
    inflight = f;
    executor.execute(() -> mint(f, background));
    return f;
  }

  private void mint(CompletableFuture<DatabaseCredential> f, boolean background) {
    long start = System.nanoTime();
    DatabaseCredential minted = null;
    CredentialException failure = null;
    try {
      minted = provider.mint();
      if (minted == null) {
        failure = new CredentialException(
            "Credential provider " + target + " returned no credential", false, null);
      }
    } catch (CredentialException e) {
      // Providers may be custom code: keep no message or cause that could quote a token.
      failure = new CredentialException(Secrets.redact(e.getMessage()), e.isTransient(),
          Secrets.sanitize(e.getCause()));
      failure.setStackTrace(e.getStackTrace());
    } catch (RuntimeException e) {
      failure = new CredentialException("Credential provider for " + target + " failed: "
          + Secrets.redact(String.valueOf(e)), false, Secrets.sanitize(e));
    }
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    if (failure == null) {
      succeeded(minted, background, latency);
      f.complete(minted);
    } else {
      failed(failure, background, latency);
      f.completeExceptionally(failure);
    }
  }

  private void succeeded(DatabaseCredential minted, boolean background, Duration latency) {
    synchronized (this) {
      Instant now = clock.instant();
      inflight = null;
      Duration life = Duration.between(now, minted.expiresAt());
      Instant refreshAt = minted.expiresAt().minus(min(settings.refreshAhead(), life.dividedBy(2)));
      // Never hand out a token with less than the safety margin of life left; for short-lived
      // tokens (tests, compressed time) the margin shrinks to a tenth of the life.
      Instant usableUntil =
          minted.expiresAt().minus(min(settings.minTokenValidity(), life.dividedBy(10)));
      current = new Current(minted, refreshAt, usableUntil);
      servedSinceMint = false;
      refreshFailures = 0;
      lazyRetryAt = null;
      mints++;
      lastMintAt = now;
      lastMintError = null;
      scheduleRefresh(max(Duration.ZERO, Duration.between(now, refreshAt)));
    }
    log.info("Minted a credential for {} as {} in {} ms{}; expires at {}",
        target, identity, latency.toMillis(), background ? " (background refresh)" : "",
        minted.expiresAt());
    publish(new MintEvent(target, identity, true, background, latency, minted.expiresAt(), null));
  }

  private void failed(CredentialException failure, boolean background, Duration latency) {
    String reason = Secrets.redact(failure.getMessage());
    Instant validUntil = null;
    Duration retryIn = null;
    boolean refreshing = background;
    synchronized (this) {
      inflight = null;
      mintFailures++;
      lastMintError = reason;
      if (current != null) {
        // Keep the current credential fresh for as long as it is in service.
        validUntil = current.credential().expiresAt();
        retryIn = retryBackoff.delay(++refreshFailures);
        if (settings.lazy()) {
          lazyRetryAt = clock.instant().plus(retryIn);
          refreshing = true; // logged as a failed refresh: the current credential serves on
        } else {
          scheduleRefresh(retryIn);
        }
      }
    }
    if (refreshing && validUntil != null) {
      log.warn("Refreshing the credential for {} failed: {}; still serving the current one"
          + " (expires at {}), next try in {} ms", target, reason, validUntil, retryIn.toMillis());
    } else {
      log.debug("Minting a credential for {} failed: {}", target, reason);
    }
    publish(new MintEvent(target, identity, false, background, latency, null, reason,
        failure.isTransient()));
  }

  /** Caller holds the lock. */
  private void scheduleRefresh(Duration delay) {
    if (refreshTask != null) {
      refreshTask.cancel(false);
      refreshTask = null;
    }
    if (!closed && !settings.lazy() && delay.compareTo(NO_REFRESH_BEYOND) < 0) {
      refreshTask = scheduler.schedule(this::refreshInBackground, delay);
    }
  }

  private void refreshInBackground() {
    synchronized (this) {
      refreshTask = null;
      if (closed || inflight != null) {
        return;
      }
      if (refs == 0 && !servedSinceMint) {
        log.debug("Not refreshing the credential for {}: unused since the last mint", target);
        return;
      }
      startMint(true);
    }
  }

  private void publish(MintEvent event) {
    for (Listeners l : listeners) {
      l.mint(event);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
