package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsResolversTest {

  private static final java.time.Duration T = java.time.Duration.ofSeconds(10);

  private static final InetAddress A = address(10);
  private static final InetAddress B = address(20);

  /** A resolver answering from a script: an address, or null for a failure. */
  private static final class Scripted implements HostResolver {
    final Deque<InetAddress> answers = new ArrayDeque<>();
    final List<String> asked = new ArrayList<>();
    boolean failAll;

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      asked.add(host);
      InetAddress next = failAll ? null : answers.poll();
      if (next == null) {
        throw new UnknownHostException(host + " (scripted failure)");
      }
      return new InetAddress[] {next};
    }
  }

  @Test
  void fallbackIsOnlyAskedWhenThePrimaryFails() throws Exception {
    Scripted primary = new Scripted();
    Scripted fallback = new Scripted();
    primary.answers.add(A);
    fallback.answers.add(B);
    HostResolver r = DnsResolvers.firstSuccessful(primary, fallback);
    assertThat(r.resolve("h")).containsExactly(A);
    assertThat(fallback.asked).isEmpty();
    assertThat(r.resolve("h")).containsExactly(B);
    assertThat(fallback.asked).containsExactly("h");
  }

  @Test
  void whenBothFailThePrimaryErrorIsThrownWithTheFallbackAttached() {
    Scripted primary = new Scripted();
    Scripted fallback = new Scripted();
    HostResolver r = DnsResolvers.firstSuccessful(primary, fallback);
    assertThatThrownBy(() -> r.resolve("gone.example"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("gone.example")
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
  }

  @Test
  void lastKnownGoodBridgesFailuresOnlyForHostsThatResolvedBefore() throws Exception {
    Scripted dns = new Scripted();
    dns.answers.add(A);
    LastKnownGoodResolver r = new LastKnownGoodResolver(dns);
    assertThat(r.resolve("known.example", T)).containsExactly(A);
    dns.failAll = true;
    assertThat(r.resolve("known.example", T)).containsExactly(A);
    assertThatThrownBy(() -> r.resolve("never.example", T)).isInstanceOf(UnknownHostException.class);
    dns.failAll = false;
    dns.answers.add(B);
    assertThat(r.resolve("known.example", T)).as("a fresh answer replaces the remembered one")
        .containsExactly(B);
    dns.failAll = true;
    assertThat(r.resolve("known.example", T)).containsExactly(B);
  }

  @Test
  void aDnsServerThatDoesNotAnswerCostsAtMostTheAttemptTimeAndTheKnownAddressIsRaced()
      throws Exception {
    java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicBoolean hang = new java.util.concurrent.atomic.AtomicBoolean();
    HostResolver dns = host -> {
      if (hang.get()) {
        try {
          answer.await(); // a server that does not answer, until released
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new InetAddress[] {A};
    };
    LastKnownGoodResolver r = new LastKnownGoodResolver(dns);
    hang.set(true);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> r.resolve("slow.example", java.time.Duration.ofMillis(300)))
        .isInstanceOf(UnknownHostException.class).hasMessageContaining("did not finish within");
    long firstMs = (System.nanoTime() - t0) / 1_000_000;
    assertThat(firstMs).as("bounded by the attempt time, ms").isLessThan(3_000);
    answer.countDown(); // the late answer is remembered
    hang.set(false);
    assertThat(r.resolve("slow.example", T)).containsExactly(A);

    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    HostResolver hanging = host -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      throw new UnknownHostException(host);
    };
    LastKnownGoodResolver raced = new LastKnownGoodResolver(new HostResolver() {
      private boolean first = true;

      @Override
      public synchronized InetAddress[] resolve(String host) throws UnknownHostException {
        if (first) {
          first = false;
          return new InetAddress[] {B};
        }
        return hanging.resolve(host);
      }
    });
    assertThat(raced.resolve("known.example", T)).containsExactly(B);
    long t1 = System.nanoTime();
    assertThat(raced.resolve("known.example", T)).as("the last known good address wins the race")
        .containsExactly(B);
    assertThat((System.nanoTime() - t1) / 1_000_000).as("ms, about the 250 ms race delay")
        .isLessThan(3_000);
    never.countDown();
  }

  @Test
  void systemResolverResolvesLiteralsAndNamesItsHostOnFailure() throws Exception {
    assertThat(HostResolver.system().resolve("127.0.0.1"))
        .containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThatThrownBy(() -> HostResolver.system().resolve("no-such-host.invalid"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("no-such-host.invalid");
  }

  private static InetAddress address(int last) {
    try {
      return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
