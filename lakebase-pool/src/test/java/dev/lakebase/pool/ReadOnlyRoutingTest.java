package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.testkit.EmulatedLakebase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The optional second pool goes to the endpoint's read-only host and cannot write. */
@EmulatedLakebase
class ReadOnlyRoutingTest extends EmulatorTest {

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void theReadOnlyPoolsSessionsAreReadOnlyOnTheReadOnlyHost(PoolType type) throws SQLException {
    List<ConnectAttemptEvent> connects = new CopyOnWriteArrayList<>();
    LakebaseConfig config = core(emulator).build();
    LakebasePoolConfig settings = pool(type).readOnlyRouting(true).readOnlyMaximumPoolSize(3)
        .listener(new PoolListener() {
          @Override
          public void onConnectAttempt(ConnectAttemptEvent e) {
            connects.add(e);
          }
        }).build();
    try (LakebasePooledDataSource primary = LakebasePools.create(config, settings);
         LakebasePooledDataSource reads = LakebasePools.createReadOnly(config, settings)
             .orElseThrow()) {
      assertThat(reads.poolType()).isEqualTo(type);
      assertThat(reads.stats().max()).isEqualTo(3);
      assertThat(reads.lakebaseDataSource().config().readOnly()).isTrue();
      assertThat(reads.toString()).contains("test-" + type.name().toLowerCase(
          java.util.Locale.ROOT) + "-ro");

      try (Connection c = reads.getConnection()) {
        assertThat(query(c, "show transaction_read_only")).isEqualTo("on");
        assertThat(c.getMetaData().getURL()).contains(emulator.defaultEndpoint().readOnlyHost());
        assertThatThrownBy(() -> execute(c, "create table ro_probe (x int)"))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
      }
      assertThat(connects).singleElement().satisfies(e -> {
        assertThat(e.host()).isEqualTo(emulator.defaultEndpoint().readOnlyHost());
        assertThat(e.outcome()).isEqualTo(ConnectAttemptEvent.Outcome.SUCCESS);
      });

      try (Connection c = primary.getConnection()) {
        assertThat(query(c, "show transaction_read_only")).isEqualTo("off");
        execute(c, "create temporary table rw_probe (x int)");
      }
      assertThat(connects).last().extracting(ConnectAttemptEvent::host)
          .isEqualTo(emulator.defaultEndpoint().host());
    }
    assertThat(emulator.counters().mints()).as("both hosts share one credential").isEqualTo(1);
  }

  @Test
  void anExplicitHostIsReplacedByTheDiscoveredReadOnlyHost() throws SQLException {
    // Databricks Apps set PGHOST (the read-write host) next to the endpoint.
    LakebaseConfig config = core(emulator).host(emulator.defaultEndpoint().host()).build();
    try (LakebasePooledDataSource reads = LakebasePools.createReadOnly(config,
        LakebasePoolConfig.builder().readOnlyRouting(true).build()).orElseThrow();
         Connection c = reads.getConnection()) {
      assertThat(c.getMetaData().getURL()).contains(emulator.defaultEndpoint().readOnlyHost());
      assertThat(query(c, "show transaction_read_only")).isEqualTo("on");
    }
  }

  @Test
  void readOnlyRoutingWithoutATargetIsRejected() {
    LakebaseConfig plain = LakebaseConfig.builder().host("db.example.com").user("app")
        .password("secret").build();
    assertThatThrownBy(() -> LakebasePools.createReadOnly(plain,
        LakebasePoolConfig.builder().readOnlyRouting(true).build()))
        .isInstanceOf(dev.lakebase.jdbc.LakebaseConfigException.class)
        .hasMessageContaining("pool.read-only-routing").hasMessageContaining("db.example.com");
  }

  @Test
  void withoutReadOnlyRoutingThereIsNoSecondPool() {
    assertThat(LakebasePools.createReadOnly(core(emulator).build(),
        LakebasePoolConfig.builder().build())).isEmpty();
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
