package dev.lakebase.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DNS server that does not answer costs at most {@code connectTimeout} per attempt, and once an
 * address is known it is used after a short race instead of after the lookup's time-outs.
 */
@EmulatedLakebase
class DnsTimeoutTest {

  private final LakebaseEmulator emulator;

  DnsTimeoutTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void aLookupThatHangsIsBoundedByTheAttemptTime() throws Exception {
    emulator.dns().delay(Duration.ofSeconds(20));
    LakebaseConfig config = EmulatorSupport.config(emulator)
        .connectTimeout(Duration.ofSeconds(1)).connectBudget(Duration.ofSeconds(3)).build();
    long t0 = System.nanoTime();
    try (LakebaseDataSource ds = new LakebaseDataSource(config); Connection c = ds.getConnection()) {
      throw new AssertionError("connected: " + c);
    } catch (SQLException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("DNS not answering, connectTimeout 1s, budget 3s: failed after %d ms: %s%n",
          ms, e.getMessage());
      assertThat(e.getMessage()).contains("DNS lookup of").contains("did not finish within");
      assertThat(ms).as("budget + slack, not the 20 s lookup").isLessThan(3_000 + 4_000);
    }
  }

  @Test
  void theLastKnownGoodAddressIsRacedAgainstASlowLookup() throws Exception {
    LakebaseConfig config = EmulatorSupport.config(emulator).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      try (Connection c = ds.getConnection()) {
        assertThat(EmulatorSupport.selectOne(c)).isEqualTo(1);
      }
      emulator.dns().delay(Duration.ofSeconds(10));
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        assertThat(EmulatorSupport.selectOne(c)).isEqualTo(1);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("DNS slow (10 s), address known: connected after %d ms%n", ms);
      assertThat(ms).as("the race delay (250 ms) + a login, with slack").isLessThan(4_000);
    } finally {
      emulator.dns().delay(Duration.ZERO);
    }
  }
}
