package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.Compute.WakeMode;
import java.time.Duration;
import java.util.Objects;

/**
 * What a login does while its compute is suspended ({@link EmulatedCompute.State#IDLE}) or waking.
 * The default is {@code hold(Duration.ZERO)}: the compute wakes instantly on the first login, as if
 * scale-to-zero were off.
 */
public final class WakeBehaviour {

  private final WakeMode mode;
  private final Duration period;

  private WakeBehaviour(WakeMode mode, Duration period) {
    this.mode = mode;
    this.period = period;
  }

  /**
   * The first login while IDLE starts waking the compute; every login waits until {@code delay}
   * after that moment, then proceeds normally. The compute is ACTIVE afterwards.
   *
   * @param delay how long the wake takes; not negative
   * @return the behaviour
   */
  public static WakeBehaviour hold(Duration delay) {
    return new WakeBehaviour(WakeMode.HOLD, nonNegative(delay, "delay"));
  }

  /**
   * The first login while IDLE starts waking the compute; logins within {@code period} of that
   * moment are refused with FATAL 57P03 "the database system is starting up (endpoint is waking
   * from suspend)". Afterwards the compute is ACTIVE and logins succeed.
   *
   * @param period how long logins are refused; not negative
   * @return the behaviour
   */
  public static WakeBehaviour refuse(Duration period) {
    return new WakeBehaviour(WakeMode.REFUSE, nonNegative(period, "period"));
  }

  /**
   * The compute stays IDLE: every login is refused with 57P03 until {@link EmulatedCompute#wake()}
   * or another behaviour is set. For "suspended longer than the connect budget" tests.
   *
   * @return the behaviour
   */
  public static WakeBehaviour neverWake() {
    return new WakeBehaviour(WakeMode.NEVER, Duration.ZERO);
  }

  WakeMode mode() {
    return mode;
  }

  Duration period() {
    return period;
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative: " + d);
    }
    return d;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case HOLD -> "hold(" + period + ")";
      case REFUSE -> "refuse(" + period + ")";
      case NEVER -> "neverWake()";
    };
  }
}
