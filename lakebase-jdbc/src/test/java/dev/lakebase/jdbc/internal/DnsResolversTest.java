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
    assertThat(r.resolve("known.example")).containsExactly(A);
    dns.failAll = true;
    assertThat(r.resolve("known.example")).containsExactly(A);
    assertThatThrownBy(() -> r.resolve("never.example")).isInstanceOf(UnknownHostException.class);
    dns.failAll = false;
    dns.answers.add(B);
    assertThat(r.resolve("known.example")).as("a fresh answer replaces the remembered one")
        .containsExactly(B);
    dns.failAll = true;
    assertThat(r.resolve("known.example")).containsExactly(B);
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
