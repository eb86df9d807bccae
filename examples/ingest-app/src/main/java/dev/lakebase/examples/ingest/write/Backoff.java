package dev.lakebase.examples.ingest.write;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: each wait is uniform in [d/2, d], d doubling up to a cap. */
public final class Backoff {

  private final long maxNanos;
  private long nextNanos;

  /**
   * @param initial the first wait
   * @param max the longest wait
   */
  public Backoff(Duration initial, Duration max) {
    this.nextNanos = initial.toNanos();
    this.maxNanos = max.toNanos();
  }

  /**
   * @return how long to wait before the next attempt
   */
  public Duration next() {
    long current = nextNanos;
    nextNanos = Math.min(maxNanos, current * 2);
    return Duration.ofNanos(current / 2 + ThreadLocalRandom.current().nextLong(current / 2 + 1));
  }
}
