package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.PRIMARY;
import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.query;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.testkit.EmulatedLakebase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both pools against the emulator: queries, statistics, lazy start, native settings, Properties. */
@EmulatedLakebase
class PoolBasicsTest extends EmulatorTest {

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void borrowsPooledConnectionsAndReportsThem(PoolType type) throws SQLException {
    LakebaseConfig config = core(emulator).build(); // builds the SDK client, which calls the API
    emulator.counters().reset();
    try (LakebasePooledDataSource ds = LakebasePools.create(config,
        pool(type).maximumPoolSize(3).build())) {
      assertThat(emulator.counters().logins()).as("creating the pool connects nothing").isEmpty();
      assertThat(emulator.counters().apiCalls()).as("nor calls the workspace").isZero();

      try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
        assertThat(selectOne(first) + selectOne(second)).isEqualTo(2);
        assertThat(query(first, "select current_user")).isEqualTo(emulator.defaultUser());
        PoolStats busy = ds.stats();
        assertThat(busy.active()).isEqualTo(2);
        assertThat(busy.idle()).isZero();
        assertThat(busy.total()).isEqualTo(2);
        assertThat(busy.max()).isEqualTo(3);
      }
      PoolStats returned = ds.stats();
      assertThat(returned.active()).isZero();
      assertThat(returned.idle()).isEqualTo(2);

      for (int i = 0; i < 20; i++) {
        try (Connection c = ds.getConnection()) {
          selectOne(c);
        }
      }
      assertThat(emulator.counters().loginsAccepted(PRIMARY))
          .as("borrowing reuses the physical connections").isEqualTo(2);
      assertThat(emulator.counters().mints()).as("one token for both connects").isEqualTo(1);
    }
    // The emulator counts a session as closed once its proxy has read the client's disconnect,
    // which happens on the proxy's thread shortly after close() returns.
    await().atMost(PoolTests.WAIT).untilAsserted(() ->
        assertThat(emulator.defaultEndpoint().activeSessions()).as("close() closes the sessions")
            .isZero());
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void closingThePoolClosesTheCoreDataSource(PoolType type) throws SQLException {
    LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).build());
    try (Connection c = ds.getConnection()) {
      selectOne(c);
    }
    ds.close();
    ds.close();
    assertThatThrownBy(() -> ds.lakebaseDataSource().getConnection())
        .isInstanceOf(SQLException.class).hasMessageContaining("closed");
    assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void nativeSettingsTakeEffectOnTheSessions(PoolType type) throws SQLException {
    String key = type == PoolType.HIKARI ? "hikari.connectionInitSql" : "vibur.initSQL";
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).nativeProperty(key, "set statement_timeout = 4321").build());
         Connection c = ds.getConnection()) {
      assertThat(query(c, "show statement_timeout")).isEqualTo("4321ms");
    }
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void aPoolFromOnePropertiesObject(PoolType type) throws SQLException {
    PoolTests.writeProfile(emulator);
    Properties p = new Properties();
    p.setProperty("lakebase.endpoint", PRIMARY);
    p.setProperty("lakebase.databricksProfile", PoolTests.PROFILE);
    p.setProperty("lakebase.port", Integer.toString(emulator.port()));
    p.setProperty("lakebase.hostResolver", PoolTests.EmulatorDns.class.getName());
    p.setProperty("applicationName", "orders-app");
    p.setProperty("pool.type", type.name().toLowerCase(Locale.ROOT));
    p.setProperty("pool.name", "from-properties");
    p.setProperty("lakebase.pool.maximum-pool-size", "3");
    p.setProperty("pool.max-lifetime", "10m");
    p.setProperty("hikari.connectionInitSql", "set statement_timeout = 1111");
    p.setProperty("vibur.initSQL", "set statement_timeout = 2222");
    try (LakebasePooledDataSource ds = LakebasePools.fromProperties(p);
         Connection c = ds.getConnection()) {
      assertThat(ds.poolType()).isEqualTo(type);
      assertThat(ds.maxLifetime()).isEqualTo(Duration.ofMinutes(10));
      assertThat(ds.stats().max()).isEqualTo(3);
      assertThat(query(c, "show application_name")).isEqualTo("orders-app");
      assertThat(query(c, "show statement_timeout"))
          .isEqualTo(type == PoolType.HIKARI ? "1111ms" : "2222ms");
    }
  }
}
