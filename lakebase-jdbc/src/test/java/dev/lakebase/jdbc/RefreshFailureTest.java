package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.WAIT;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A failing workspace API must not break connects while the current token is valid. */
@EmulatedLakebase
class RefreshFailureTest {

  private final LakebaseEmulator emulator;

  RefreshFailureTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void connectsKeepWorkingWhileTheWorkspaceApiFails() throws Exception {
    // 12 s tokens: the refresh starts at 6 s; the SDK retries a 429 for about 3 s.
    emulator.tokenLifetime(Duration.ofSeconds(12));
    RecordingListener events = new RecordingListener();
    AtomicInteger connects = new AtomicInteger();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      connect(ds);
      emulator.api().failAll(503);
      for (int i = 0; i < 20; i++) {
        connect(ds);
      }
      emulator.api().failAll(429);
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
        connect(ds);
        connects.incrementAndGet();
        return events.mints.stream().anyMatch(m -> m.background() && !m.success());
      });
      emulator.api().failAll(503);
      connect(ds);
      MintEvent failed = events.mints.stream().filter(m -> !m.success()).findFirst()
          .orElseThrow();
      assertThat(failed.failure()).contains("429");
      assertThat(ds.credentialStatus().lastMintError()).isPresent();
      assertThat(ds.credentialStatus().valid()).isTrue();
    }
    assertThat(emulator.counters().mintFailures()).isPositive();
    assertThat(emulator.counters().loginsRejected()).isZero();
    assertThat(emulator.counters().mints()).isEqualTo(1);
    assertThat(connects.get()).isPositive();
  }

  @Test
  void afterExpiryADownApiFailsClearlyWithinTheBudgetAndRecovers() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(2));
    LakebaseConfig config = config(emulator).connectBudget(Duration.ofSeconds(3)).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      connect(ds);
      emulator.api().failAll(503);
      await().atMost(WAIT).until(() -> !ds.credentialStatus().valid());
      Exception failure = EmulatorSupport.connectFailure(ds);
      assertThat(failure).isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageContaining("Could not obtain a credential for Autoscaling endpoint "
              + EmulatorSupport.PRIMARY)
          .hasMessageContaining("within 3s")
          .hasMessageContaining("raise connectBudget");
      assertThat(((SQLTransientConnectionException) failure).getSQLState())
          .isEqualTo("08001");

      emulator.api().clear();
      // Same target, same shared cache; a budget that covers the SDK's own retry pause.
      try (LakebaseDataSource patient = new LakebaseDataSource(config.toBuilder()
          .connectBudget(WAIT).build())) {
        connect(patient);
      }
    }
    assertThat(emulator.counters().loginsRejected()).isZero();
  }

  private static void connect(LakebaseDataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
  }
}
