package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small test classes through the JUnit Platform launcher to check the extension's lifecycle:
 * what gets injected where, sharing, reset between classes, and closing.
 */
class LakebaseEmulatorExtensionTest {

  /** What the inner classes saw, in execution order. */
  static final List<LakebaseEmulator> SEEN = new CopyOnWriteArrayList<>();
  static final List<Long> MINTS_AT_START = new CopyOnWriteArrayList<>();
  static final List<Duration> LIFETIMES = new CopyOnWriteArrayList<>();

  @EmulatedLakebase
  static class SharedFirst {
    private final LakebaseEmulator fromConstructor;

    SharedFirst(LakebaseEmulator emulator) {
      this.fromConstructor = emulator;
    }

    @BeforeAll
    static void beforeAll(LakebaseEmulator emulator) {
      SEEN.add(emulator);
      MINTS_AT_START.add(emulator.counters().mints());
    }

    @Test
    void leavesStateBehind(LakebaseEmulator emulator) {
      assertThat(emulator).isSameAs(fromConstructor);
      emulator.mintToken(emulator.defaultEndpoint().name(), emulator.defaultUser());
      emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.neverWake());
      emulator.defaultEndpoint().suspend();
      emulator.api().failAll(500);
    }
  }

  @EmulatedLakebase(tokenLifetime = "45s")
  static class SharedSecond {
    @BeforeAll
    static void beforeAll(LakebaseEmulator emulator) {
      SEEN.add(emulator);
      MINTS_AT_START.add(emulator.counters().mints());
      LIFETIMES.add(emulator.tokenLifetime());
    }

    @Test
    void startsFromACleanSlate(LakebaseEmulator emulator) {
      assertThat(emulator.defaultEndpoint().state()).isEqualTo(EmulatedCompute.State.ACTIVE);
      assertThat(emulator.counters().mints()).isZero();
    }

    @Nested
    class Inner {
      @Test
      void nestedClassesShareTheOuterEmulatorWithoutAReset(LakebaseEmulator emulator) {
        SEEN.add(emulator);
        assertThat(emulator.tokenLifetime()).isEqualTo(Duration.ofSeconds(45));
      }
    }
  }

  @EmulatedLakebase(shared = false)
  static class OwnEmulatorA {
    @Test
    void record(LakebaseEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @EmulatedLakebase(shared = false)
  static class OwnEmulatorB {
    @Test
    void record(LakebaseEmulator emulator) {
      SEEN.add(emulator);
    }
  }

  @Test
  void sharedModeReusesOneEmulatorResetsItPerClassAndClosesItAtTheEnd() {
    SEEN.clear();
    MINTS_AT_START.clear();
    LIFETIMES.clear();

    TestExecutionSummary summary = run(SharedFirst.class, SharedSecond.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(3);
    assertThat(summary.getTotalFailureCount()).isZero();
    assertThat(SEEN).hasSize(3);
    assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
    assertThat(SEEN.get(2)).isSameAs(SEEN.get(0));
    assertThat(MINTS_AT_START).containsExactly(0L, 0L);
    assertThat(LIFETIMES).containsExactly(Duration.ofSeconds(45));
    assertClosed(SEEN.get(0));
  }

  @Test
  void unsharedModeGivesEachClassItsOwnEmulator() {
    SEEN.clear();

    TestExecutionSummary summary = run(OwnEmulatorA.class, OwnEmulatorB.class);

    assertThat(summary.getTestsSucceededCount()).isEqualTo(2);
    assertThat(SEEN).hasSize(2);
    assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    assertClosed(SEEN.get(0));
    assertClosed(SEEN.get(1));
  }

  private static TestExecutionSummary run(Class<?>... classes) {
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    for (Class<?> c : classes) {
      request.selectors(selectClass(c));
    }
    LauncherDiscoveryRequest built = request.build();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(built, listener);
    TestExecutionSummary summary = listener.getSummary();
    summary.getFailures().forEach(f -> f.getException().printStackTrace());
    return summary;
  }

  private static void assertClosed(LakebaseEmulator emulator) {
    assertThat(emulator.toString()).contains("closed");
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), emulator.port()).close())
        .as("the proxy port no longer accepts connections").isInstanceOf(java.io.IOException.class);
  }
}
