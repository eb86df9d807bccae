package dev.lakebase.testkit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A name resolver that knows the emulator's compute host names (which do not resolve via system
 * DNS), with injectable failures. Plug it into a client's host-resolver hook, e.g.
 * {@code HostResolver resolver = emulator.dns()::resolve}.
 */
public final class EmulatorDns {

  private static final InetAddress LOOPBACK = loopback();

  private final Set<String> hosts;
  private final AtomicInteger failNext = new AtomicInteger();
  private final LongAdder lookups = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private volatile boolean failAlways;
  /** Added to every lookup: a DNS server slow to answer, or not answering (then failing). */
  private volatile Duration delay = Duration.ZERO;

  EmulatorDns(Set<String> hosts) {
    this.hosts = Set.copyOf(hosts);
  }

  /**
   * Resolves a host name.
   *
   * @param host an emulator compute host (case-insensitive), {@code localhost} or an IP literal
   * @return {@code {127.0.0.1}} for an emulator host; the JDK's answer for {@code localhost} and IP literals
   * @throws UnknownHostException for any other name, or when a failure was injected
   *     ({@code "... (injected DNS failure)"})
   */
  public InetAddress[] resolve(String host) throws UnknownHostException {
    lookups.increment();
    Duration wait = delay;
    if (!wait.isZero()) {
      try {
        Thread.sleep(wait.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UnknownHostException(host + " (interrupted while the emulated DNS server was"
            + " not answering)");
      }
    }
    if (failAlways || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failures.increment();
      throw new UnknownHostException(host + ": Temporary failure in name resolution (injected DNS failure)");
    }
    String name = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (hosts.contains(name)) {
      return new InetAddress[] {LOOPBACK};
    }
    if (name.equals("localhost") || isIpLiteral(name)) {
      return InetAddress.getAllByName(name);
    }
    failures.increment();
    throw new UnknownHostException(host + ": not an emulator host name (the emulator resolves its computes' "
        + "host names, localhost and IP literals)");
  }

  /**
   * Makes the next {@code n} lookups (of any host) fail with an {@link UnknownHostException}.
   *
   * @param n number of lookups to fail
   */
  public void failNext(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    failNext.set(n);
  }

  /**
   * Makes every lookup fail until switched off.
   *
   * @param on true to fail every lookup, false to stop
   */
  public void failAlways(boolean on) {
    failAlways = on;
  }

  /**
   * Makes every lookup take this long before it answers (or fails, with {@link
   * #failAlways(boolean)}): a DNS server that does not answer, which the OS resolver waits out for
   * seconds.
   *
   * @param delay the delay, {@link Duration#ZERO} to answer at once
   */
  public void delay(Duration delay) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("delay must be zero or positive: " + delay);
    }
    this.delay = delay;
  }

  /** @return lookups so far, failed ones included */
  public long lookups() {
    return lookups.sum();
  }

  /** @return lookups that threw {@link UnknownHostException} (injected or unknown name) */
  public long failures() {
    return failures.sum();
  }

  /** Clears injected failures and the counters. */
  void reset() {
    failNext.set(0);
    failAlways = false;
    delay = Duration.ZERO;
    lookups.reset();
    failures.reset();
  }

  private static boolean isIpLiteral(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
