package dev.lakebase.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The testkit's {@code @EmulatedLakebase} resets the SDK's process-wide state before each test
 * class, so two classes that connect to the same endpoint each see their own mint in the (shared,
 * reset) emulator's counters. Runs two small classes through the JUnit launcher, as a user's test
 * suite would run them.
 */
class TestkitIsolationTest {

  static final List<Long> MINTS_SEEN = new CopyOnWriteArrayList<>();

  @EmulatedLakebase
  static class FirstClass {
    @Test
    void connects(LakebaseEmulator emulator) throws Exception {
      connectOnce(emulator);
    }
  }

  @EmulatedLakebase
  static class SecondClass {
    @Test
    void connects(LakebaseEmulator emulator) throws Exception {
      connectOnce(emulator);
    }
  }

  static void connectOnce(LakebaseEmulator emulator) throws Exception {
    EmulatorSupport.EmulatorDnsResolver.emulator = emulator;
    // Deliberately no LakebaseRuntime.reset() here: the extension is what is under test.
    LakebaseDataSource ds = new LakebaseDataSource(EmulatorSupport.config(emulator).build());
    try (Connection c = ds.getConnection()) {
      assertThat(EmulatorSupport.selectOne(c)).isEqualTo(1);
    }
    MINTS_SEEN.add(emulator.counters().mints());
    // Not closed on purpose: a DataSource a test forgets to close must not leak into the next
    // class either.
  }

  @Test
  void eachTestClassSeesOnlyItsOwnMints() {
    MINTS_SEEN.clear();
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(selectClass(FirstClass.class), selectClass(SecondClass.class)).build();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    LauncherFactory.create().execute(request, summary);
    assertThat(summary.getSummary().getFailures()).isEmpty();
    assertThat(summary.getSummary().getTestsSucceededCount()).isEqualTo(2);
    assertThat(MINTS_SEEN).containsExactly(1L, 1L);
  }
}
