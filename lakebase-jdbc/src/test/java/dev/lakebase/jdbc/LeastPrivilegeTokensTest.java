package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.WAIT;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.lakebase.jdbc.internal.SharedState;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** tokenTtl, READ_ONLY claims and the lazy refresh mode against the emulator. */
@EmulatedLakebase
class LeastPrivilegeTokensTest {

  private final LakebaseEmulator emulator;

  LeastPrivilegeTokensTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeAll
  static void table(LakebaseEmulator emulator) throws SQLException {
    try (Connection admin = emulator.adminDataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS least_privilege (id int)");
      st.execute("GRANT ALL ON least_privilege TO \"" + emulator.defaultUser() + "\"");
    }
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void tokenTtlIsRequestedAndTheCacheSeesTheGrantedExpiry() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .tokenTtl(Duration.ofMinutes(10)).build());
        Connection c = ds.getConnection()) {
      assertThat(selectOne(c)).isEqualTo(1);
      // The emulator's own lifetime is 1 h: 10 minutes can only come from the ttl asked for.
      assertThat(ds.credentialStatus().expiresAt()).hasValueSatisfying(expiry -> assertThat(expiry)
          .isCloseTo(Instant.now().plus(Duration.ofMinutes(10)), within(30, ChronoUnit.SECONDS)));
    }
  }

  @Test
  void tokenTtlOutsideTheApiRangeNamesTheSetting() {
    assertThatThrownBy(() -> config(emulator).property("lakebase.tokenTtl", "2m").build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("tokenTtl '2m'").hasMessageContaining("5m to 1h");
    assertThatThrownBy(() -> config(emulator).endpoint(null).instance("demo-instance")
        .tokenTtl(Duration.ofMinutes(10)).build())
        .isInstanceOf(LakebaseConfigException.class).hasMessageContaining("Provisioned");
    assertThatThrownBy(() -> config(emulator).property("tokenTables", "orders").build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("tokenPermissionSet=READ_ONLY");
    assertThatThrownBy(() -> config(emulator).property("tokenPermissionSet", "ALL").build())
        .isInstanceOf(LakebaseConfigException.class).hasMessageContaining("READ_ONLY");
  }

  @Test
  void readOnlyTokensReadButCannotWrite() throws Exception {
    try (LakebaseDataSource readOnly = new LakebaseDataSource(config(emulator)
        .readOnlyTokens("least_privilege").build());
        LakebaseDataSource full = new LakebaseDataSource(config(emulator).build());
        Connection r = readOnly.getConnection(); Connection w = full.getConnection();
        Statement rs = r.createStatement(); Statement ws = w.createStatement()) {
      assertThat(ws.executeUpdate("INSERT INTO least_privilege VALUES (1)")).isEqualTo(1);
      try (var result = rs.executeQuery("SELECT count(*) FROM least_privilege")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getLong(1)).isPositive();
      }
      assertThatThrownBy(() -> rs.executeUpdate("INSERT INTO least_privilege VALUES (2)"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("25006"));
      // READ_ONLY and full credentials of one identity are cached apart.
      assertThat(emulator.counters().mints()).isEqualTo(2);
      ws.executeUpdate("DELETE FROM least_privilege");
    }
  }

  @Test
  void readOnlyTokensOfAProvisionedInstance() throws Exception {
    try (LakebaseDataSource readOnly = new LakebaseDataSource(config(emulator).endpoint(null)
        .instance(EmulatorSupport.INSTANCE).readOnlyTokens().build());
        Connection r = readOnly.getConnection(); Statement rs = r.createStatement()) {
      assertThat(selectOne(r)).isEqualTo(1);
      assertThatThrownBy(() -> rs.executeUpdate("INSERT INTO least_privilege VALUES (3)"))
          .isInstanceOfSatisfying(SQLException.class,
              e -> assertThat(e.getSQLState()).isEqualTo("25006"));
    }
  }

  @Test
  void lazyRefreshSchedulesNothingAndConnectsAcrossExpiries() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(3));
    RecordingListener events = new RecordingListener();
    long scheduledBefore = SharedState.scheduledTasks();
    AtomicInteger connects = new AtomicInteger();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .refreshStrategy(RefreshStrategy.LAZY).listener(events).build())) {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
        try (Connection c = ds.getConnection()) {
          assertThat(selectOne(c)).isEqualTo(1);
        }
        connects.incrementAndGet();
        return emulator.counters().mints() >= 4;
      });
    }
    assertThat(emulator.counters().loginsRejected()).isZero();
    assertThat(events.mints).hasSizeGreaterThanOrEqualTo(4)
        .allSatisfy(m -> {
          assertThat(m.success()).isTrue();
          assertThat(m.background()).as("a background mint").isFalse();
        });
    assertThat(SharedState.scheduledTasks()).as("tasks scheduled in lazy mode")
        .isEqualTo(scheduledBefore);
    assertThat(connects.get()).isGreaterThan(4);
  }

  @Test
  void settingsShowInToStringAndParseFromProperties() {
    LakebaseConfig c = config(emulator).property("lakebase.token-ttl", "15m")
        .property("refresh-strategy", "LAZY").property("tokenPermissionSet", "read_only")
        .property("tokenTables", "a, b").build();
    assertThat(c.tokenTtl()).contains(Duration.ofMinutes(15));
    assertThat(c.refreshStrategy()).isEqualTo(RefreshStrategy.LAZY);
    assertThat(c.tokenPermissionSet()).contains("READ_ONLY");
    assertThat(c.tokenTables()).containsExactly("a", "b");
    assertThat(c.toString()).contains("refreshStrategy=lazy", "tokenTtl=15m",
        "tokenPermissionSet=READ_ONLY", "tokenTables=a,b");
  }
}
