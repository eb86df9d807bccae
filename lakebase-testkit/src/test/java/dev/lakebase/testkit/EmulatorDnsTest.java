package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator's resolver: its own names, injected failures, and nothing else. */
@EmulatedLakebase
class EmulatorDnsTest {

  private LakebaseEmulator emulator;
  private EmulatorDns dns;

  @BeforeEach
  void setUp(LakebaseEmulator emulator) {
    emulator.reset();
    this.emulator = emulator;
    this.dns = emulator.dns();
  }

  @Test
  void resolvesEveryComputeNameToLoopbackCaseInsensitively() throws UnknownHostException {
    for (EmulatedCompute c : emulator.computes()) {
      assertThat(dns.resolve(c.host())).extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
      assertThat(dns.resolve(c.readOnlyHost().toUpperCase())).extracting(InetAddress::getHostAddress)
          .containsExactly("127.0.0.1");
    }
    assertThat(dns.lookups()).isEqualTo(2L * emulator.computes().size());
    assertThat(dns.failures()).isZero();
  }

  @Test
  void theNamesDoNotResolveThroughSystemDns() {
    assertThatThrownBy(() -> InetAddress.getAllByName(emulator.defaultEndpoint().host()))
        .isInstanceOf(UnknownHostException.class);
  }

  @Test
  void localhostAndIpLiteralsResolveAsTheJdkDoes() throws UnknownHostException {
    assertThat(dns.resolve("127.0.0.1")).containsExactly(InetAddress.getByName("127.0.0.1"));
    assertThat(dns.resolve("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void unknownNamesAreRejectedByName() {
    assertThatThrownBy(() -> dns.resolve("example.com")).isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("example.com").hasMessageContaining("not an emulator host name");
    assertThat(dns.failures()).isEqualTo(1);
  }

  @Test
  void failNextFailsExactlyThatManyLookups() throws UnknownHostException {
    String host = emulator.defaultEndpoint().host();
    dns.failNext(2);

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> dns.resolve(host)).isInstanceOf(UnknownHostException.class)
          .hasMessageContaining(host).hasMessageContaining("(injected DNS failure)");
    }
    assertThat(dns.resolve(host)).hasSize(1);
    assertThat(dns.lookups()).isEqualTo(3);
    assertThat(dns.failures()).isEqualTo(2);
  }

  @Test
  void failAlwaysUntilSwitchedOff() throws UnknownHostException {
    String host = emulator.defaultEndpoint().host();
    dns.failAlways(true);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(() -> dns.resolve(host)).hasMessageContaining("injected");
    }
    dns.failAlways(false);
    assertThat(dns.resolve(host)).hasSize(1);
  }

  @Test
  void resetClearsInjectedFailures() throws UnknownHostException {
    dns.failAlways(true);
    dns.failNext(3);

    emulator.reset();

    assertThat(dns.resolve(emulator.defaultEndpoint().host())).hasSize(1);
    assertThat(dns.failures()).isZero();
  }
}
