package dev.lakebase.benchmarks.support;

import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A credential provider for the contention benchmark: mints short-lived tokens after a simulated
 * workspace API latency, and classifies every mint as a refresh or as redundant.
 *
 * <p>A mint is <em>redundant</em> when it starts while another mint is running (no single-flight)
 * or while the newest token still has more than three quarters of its life left (minting per
 * connect, or a herd serialised behind a lock that does not re-check). The core never refreshes
 * that early: its background refresh starts at half life at the earliest ({@code refreshAhead} is
 * capped at half the token's life) and a connect mints only when less than a tenth is left. So
 * {@code mints / (mints - redundant)} is the number of mints per refresh, 1 when the cache works.
 */
public final class CountingCredentialProvider implements CredentialProvider {

  private final Duration life;
  private final long mintLatencyNanos;
  private final String cacheKey = "bench|" + UUID.randomUUID();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicLong mints = new AtomicLong();
  private final AtomicLong redundant = new AtomicLong();
  private volatile Instant newestExpiry;

  /**
   * Creates the provider.
   *
   * @param life the life of every token
   * @param mintLatency how long a mint takes (the workspace API call)
   */
  public CountingCredentialProvider(Duration life, Duration mintLatency) {
    this.life = life;
    this.mintLatencyNanos = mintLatency.toNanos();
  }

  @Override
  public DatabaseCredential mint() {
    boolean overlapping = inFlight.incrementAndGet() > 1;
    try {
      Instant expiry = newestExpiry;
      boolean early = expiry != null
          && Duration.between(Instant.now(), expiry).compareTo(life.multipliedBy(3).dividedBy(4))
              > 0;
      if (overlapping || early) {
        redundant.incrementAndGet();
      }
      long n = mints.incrementAndGet();
      TimeUnit.NANOSECONDS.sleep(mintLatencyNanos);
      Instant expiresAt = Instant.now().plus(life);
      newestExpiry = expiresAt;
      return new DatabaseCredential("bench-token-" + n, expiresAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while minting", e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public String cacheKey() {
    return cacheKey;
  }

  /**
   * Mints so far.
   *
   * @return the count
   */
  public long mints() {
    return mints.get();
  }

  /**
   * Mints that were not needed (see the class comment).
   *
   * @return the count
   */
  public long redundantMints() {
    return redundant.get();
  }

  /** Restarts both counts (e.g. after warm-up). */
  public void resetCounts() {
    mints.set(0);
    redundant.set(0);
  }
}
