package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.PROFILE;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link LakebaseRuntime} owns the process-wide state: reset makes it cold, shutdown stops it. */
@EmulatedLakebase
class LakebaseRuntimeTest {

  private final LakebaseEmulator emulator;

  LakebaseRuntimeTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void resetMakesEvenAnExistingDataSourceMintAgain() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(emulator.counters().mints()).isEqualTo(1);

      LakebaseRuntime.reset();
      emulator.counters().reset();

      // The emulator's counters now describe only what happens after the reset: the old
      // DataSource looks up its identity and mints as a new one would.
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(emulator.counters().mints()).isEqualTo(1);
      assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(1);
      assertThat(ds.credentialStatus().mints()).isEqualTo(1);
    }
  }

  @Test
  void resetClosesTheDataSourcesKeptForDriverUrls() throws Exception {
    EmulatorSupport.writeProfile(emulator);
    String url = "jdbc:lakebase:" + PRIMARY + "?databricksProfile=" + PROFILE + "&port="
        + emulator.port() + "&hostResolver=" + EmulatorSupport.EmulatorDnsResolver.class.getName();
    Set<String> tokens = Collections.synchronizedSet(new HashSet<>());
    for (int round = 0; round < 2; round++) {
      try (Connection c = DriverManager.getConnection(url)) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(LakebaseRuntime.DRIVER_DATA_SOURCES.size()).isEqualTo(1);
      LakebaseRuntime.reset();
      assertThat(LakebaseRuntime.DRIVER_DATA_SOURCES.size()).isZero();
    }
    emulator.counters().logins().forEach(l -> tokens.add(l.tokenFingerprint()));
    // One mint per round: the reset dropped the first round's cache and DataSource.
    assertThat(emulator.counters().mints()).isEqualTo(2);
    assertThat(tokens).hasSize(2);
  }

  @Test
  void shutdownStopsTheThreadsAndTheyComeBackOnUse() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(LakebaseRuntime.threadsRunning()).isTrue();
      assertThat(liveThreads("lakebase-")).isNotEmpty();

      LakebaseRuntime.shutdown();
      try {
        assertThat(LakebaseRuntime.threadsRunning()).isFalse();
        assertThat(DriverManager.drivers().anyMatch(d -> d instanceof LakebaseDriver)).isFalse();

        // A DataSource used after a shutdown still works (the threads start again).
        try (Connection c = ds.getConnection()) {
          assertThat(selectOne(c)).isEqualTo(1);
        }
        assertThat(LakebaseRuntime.threadsRunning()).isTrue();
      } finally {
        DriverManager.registerDriver(new LakebaseDriver());
      }
    }
  }

  private static Set<String> liveThreads(String prefix) {
    Set<String> names = new HashSet<>();
    Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .map(Thread::getName).filter(n -> n.startsWith(prefix)).forEach(names::add);
    return names;
  }
}
