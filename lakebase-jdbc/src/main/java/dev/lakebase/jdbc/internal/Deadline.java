package dev.lakebase.jdbc.internal;

import java.time.Duration;

/** A point in monotonic time by which something must be done. */
final class Deadline {

  private final long startNanos;
  private final long endNanos;

  private Deadline(long startNanos, long endNanos) {
    this.startNanos = startNanos;
    this.endNanos = endNanos;
  }

  /**
   * A deadline {@code budget} from now.
   *
   * @param budget the time allowed
   * @return the deadline
   */
  public static Deadline after(Duration budget) {
    long now = System.nanoTime();
    return new Deadline(now, now + budget.toNanos());
  }

  /**
   * The earlier of this deadline and {@code limit} from now, counting elapsed time from now.
   *
   * @param limit the time allowed for a sub-step
   * @return the sub-step's deadline
   */
  public Deadline cappedAt(Duration limit) {
    long now = System.nanoTime();
    long end = now + limit.toNanos();
    return new Deadline(now, end - endNanos < 0 ? end : endNanos);
  }

  /**
   * Time left, never negative.
   *
   * @return the remaining time
   */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
  }

  /**
   * Time since this deadline was created.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
