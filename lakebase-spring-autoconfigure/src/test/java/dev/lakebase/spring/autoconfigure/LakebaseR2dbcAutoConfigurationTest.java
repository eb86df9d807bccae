package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.r2dbc.autoconfigure.metrics.ConnectionPoolMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The R2DBC auto-configuration next to the JDBC one, through the emulator: Flyway migrates over
 * JDBC, queries run over R2DBC, one credential cache serves both; health and meters.
 */
@EmulatedLakebase
class LakebaseR2dbcAutoConfigurationTest {

  private static final String SCHEMA = "r2dbc_test";

  private static LakebaseEmulator emulator;
  private static EmulatedCompute endpoint;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
    endpoint = shared.defaultEndpoint();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    try (Connection c = emulator.adminDataSource().getConnection();
         Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
    }
  }

  @BeforeEach
  void cold() {
    LakebaseRuntime.reset();
    emulator.counters().reset();
  }

  private static ApplicationContextRunner runner() {
    return TestSupport.runner(emulator, endpoint)
        .withConfiguration(AutoConfigurations.of(LakebaseR2dbcAutoConfiguration.class,
            R2dbcAutoConfiguration.class));
  }

  @Test
  void flywayOverJdbcAndQueriesOverR2dbcShareOneCredential() {
    runner()
        .withConfiguration(AutoConfigurations.of(FlywayAutoConfiguration.class))
        // A schema of its own: the emulator's database is shared with the other test classes,
        // whose Flyway migrations expect an empty public schema.
        .withPropertyValues("spring.flyway.locations=classpath:db/r2dbc-migration",
            "spring.flyway.schemas=" + SCHEMA)
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(DataSource.class))
              .isInstanceOf(LakebasePooledDataSource.class);
          assertThat(context.getBean(ConnectionFactory.class)).isInstanceOf(ConnectionPool.class);
          // Flyway ran over JDBC at start-up; now read its table over R2DBC.
          List<String> names = DatabaseClient.create(context.getBean(ConnectionFactory.class))
              .sql("select name from " + SCHEMA + ".r2dbc_items order by id").map(row -> row.get(0, String.class))
              .all().collectList().block(TestSupport.WAIT);
          assertThat(names).containsExactly("migrated over JDBC", "read over R2DBC");
          assertThat(emulator.counters().loginsAccepted(endpoint.name()))
              .as("JDBC and R2DBC both logged in").isGreaterThanOrEqualTo(2);
          assertThat(emulator.counters().mints()).as("one mint served both").isEqualTo(1);
        });
  }

  @Test
  void reactiveHealthAndMetersOfTheR2dbcPool() {
    runner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            ConnectionPoolMetricsAutoConfiguration.class,
            LakebaseR2dbcMetricsAutoConfiguration.class,
            LakebaseR2dbcHealthContributorAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("lakebase.r2dbc.pool.name=orders",
            // Acquire and validate even with no open connection (the default reports without).
            "lakebase.health.validate-connection=true",
            // This check makes the JVM's first R2DBC connect (TLS set-up included): on a loaded
            // build machine that can take longer than the default 5 s.
            "lakebase.health.timeout=30s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          ReactiveHealthIndicator health =
              context.getBean("lakebaseR2dbcHealthContributor", ReactiveHealthIndicator.class);
          Health h = health.health().block(TestSupport.WAIT);
          assertThat(h.getStatus()).as("%s", h.getDetails()).isEqualTo(Status.UP);
          assertThat(h.getDetails()).containsKeys("target", "identity", "credential", "pool");
          emulator.counters().mintedTokens()
              .forEach(t -> assertThat(h.toString()).doesNotContain(t));

          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get("lakebase.credential.mints").tag("pool", "orders")
              .tag("result", "success").functionCounter().count()).isEqualTo(1.0);
          assertThat(registry.get("lakebase.connect.attempts").tag("pool", "orders")
              .tag("outcome", "success").counter().count()).isGreaterThanOrEqualTo(1.0);
          assertThat(registry.get("lakebase.credential.expiry").tag("pool", "orders").gauge()
              .value()).isPositive();
          assertThat(registry.find("r2dbc.pool.acquired").gauges()).isNotEmpty();
        });
  }

  @Test
  void backsOffWhenDisabledOrWhenTheApplicationDefinesAConnectionFactory() {
    TestSupport.runner(emulator, endpoint)
        .withConfiguration(AutoConfigurations.of(LakebaseR2dbcAutoConfiguration.class))
        .withPropertyValues("lakebase.r2dbc.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(LakebaseConnectionFactory.class)
            .doesNotHaveBean(ConnectionFactory.class).hasSingleBean(DataSource.class));
    ConnectionFactory own = LakebaseConnectionFactory.create(
        dev.lakebase.jdbc.LakebaseConfig.builder().host("localhost").user("app").password("x").build());
    TestSupport.runner(emulator, endpoint)
        .withConfiguration(AutoConfigurations.of(LakebaseR2dbcAutoConfiguration.class))
        .withBean("myConnectionFactory", ConnectionFactory.class, () -> own)
        .run(context -> assertThat(context.getBean(ConnectionFactory.class)).isSameAs(own));
  }
}
