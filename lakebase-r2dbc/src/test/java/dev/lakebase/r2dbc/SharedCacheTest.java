package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static dev.lakebase.r2dbc.R2dbcTests.queryOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LoginRecord;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * JDBC and R2DBC connects to one target in one JVM share the process-wide credential cache: each
 * refresh is one mint, and both sides log in with the same tokens.
 */
@EmulatedLakebase
class SharedCacheTest extends EmulatorTest {

  @Test
  void oneMintPerRefreshServesJdbcAndR2dbc() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(6));
    LakebaseConfig config = core(emulator).build();
    Set<String> jdbcTokens = new TreeSet<>();
    Set<String> r2dbcTokens = new TreeSet<>();
    try (LakebaseDataSource jdbc = new LakebaseDataSource(config)) {
      LakebaseConnectionFactory r2dbc = LakebaseConnectionFactory.create(config);
      try {
        // Connects alternate until several tokens have been in service (bounded: 30 s).
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && emulator.counters().mints() < 5) {
          try (Connection c = jdbc.getConnection()) {
            c.isValid(5);
          }
          jdbcTokens.add(lastLogin().tokenFingerprint());
          queryOnce(r2dbc, "select 1").block(WAIT);
          r2dbcTokens.add(lastLogin().tokenFingerprint());
        }
        long mints = emulator.counters().mints();
        System.out.printf("shared cache: %d mints, JDBC tokens %s, R2DBC tokens %s%n", mints,
            jdbcTokens, r2dbcTokens);
        assertThat(mints).as("several refreshes happened").isGreaterThanOrEqualTo(5);
        assertThat(jdbc.credentialStatus().mints()).as("the JDBC side's cache").isEqualTo(mints);
        assertThat(r2dbc.credentialStatus().mints()).as("is the R2DBC side's").isEqualTo(mints);
        Set<String> shared = new TreeSet<>(jdbcTokens);
        shared.retainAll(r2dbcTokens);
        // Every token but possibly the last (minted between a JDBC and an R2DBC connect) was
        // used by both sides.
        assertThat(shared).hasSizeGreaterThanOrEqualTo((int) mints - 1);
        assertThat(emulator.counters().loginsRejected()).isZero();
      } finally {
        r2dbc.dispose();
      }
    }
  }

  private LoginRecord lastLogin() {
    List<LoginRecord> logins = emulator.counters().logins();
    return logins.get(logins.size() - 1);
  }
}
