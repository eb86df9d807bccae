package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** DNS failures are retried, bridged by the last known good address, and reported clearly. */
@EmulatedLakebase
class HostResolutionTest {

  private final LakebaseEmulator emulator;

  HostResolutionTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void transientLookupFailuresAreRetried() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      long failuresBefore = emulator.dns().failures();
      emulator.dns().failNext(3);
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(emulator.dns().failures() - failuresBefore).isEqualTo(3);
    }
    assertThat(events.attempts).hasSize(4);
    assertThat(events.attempts.subList(0, 3)).allSatisfy(a -> {
      assertThat(a.outcome()).isEqualTo(ConnectAttemptEvent.Outcome.RETRYING);
      assertThat(a.failureKind()).isEqualTo(FailureKind.DNS);
      assertThat(a.failure()).contains(emulator.defaultEndpoint().host());
    });
  }

  @Test
  void aHostThatNeverResolvesFailsNamingTheHost() throws Exception {
    emulator.dns().failAlways(true);
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .connectBudget(Duration.ofSeconds(2)).build())) {
      Exception failure = EmulatorSupport.connectFailure(ds);
      String host = emulator.defaultEndpoint().host();
      assertThat(failure).isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageContaining("within 2s")
          .hasMessageContaining("DNS lookup of " + host + " failed")
          .hasMessageContaining("check DNS for " + host);
    } finally {
      emulator.dns().failAlways(false);
    }
  }

  @Test
  void aDnsOutageIsBridgedByTheLastKnownGoodAddress() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      emulator.dns().failAlways(true);
      long failuresBefore = emulator.dns().failures();
      for (int i = 0; i < 3; i++) {
        try (Connection c = ds.getConnection()) {
          assertThat(selectOne(c)).isEqualTo(1);
        }
      }
      assertThat(emulator.dns().failures()).as("DNS was asked and failed")
          .isGreaterThan(failuresBefore);
    } finally {
      emulator.dns().failAlways(false);
    }
  }
}
