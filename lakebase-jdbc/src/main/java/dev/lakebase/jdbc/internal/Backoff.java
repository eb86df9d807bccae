package dev.lakebase.jdbc.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits a uniform random time in {@code [d/2, d]}
 * where {@code d = min(max, initial * 2^(n-1))}. Jitter spreads the retries of many clients that
 * failed at the same moment (e.g. a whole pool hitting a waking endpoint).
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  /**
   * Creates a backoff with {@link ThreadLocalRandom} jitter.
   *
   * @param initial first delay (before jitter)
   * @param max largest delay (before jitter)
   */
  public Backoff(Duration initial, Duration max) {
    this(initial, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates a backoff with the given source of uniform randoms in {@code [0, 1)}.
   *
   * @param initial first delay (before jitter)
   * @param max largest delay (before jitter)
   * @param random uniform random source
   */
  public Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max.compareTo(initial) < 0 ? initial : max;
    this.random = random;
  }

  /**
   * Returns the delay before the given retry.
   *
   * @param retry 1 for the first retry
   * @return the jittered delay
   */
  public Duration delay(int retry) {
    long initialNanos = initial.toNanos();
    long maxNanos = max.toNanos();
    int shift = Math.min(Math.max(retry - 1, 0), 62);
    long ceiling =
        initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
    long floor = ceiling / 2;
    return Duration.ofNanos(floor + (long) (random.getAsDouble() * (ceiling - floor)));
  }
}
