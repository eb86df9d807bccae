package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.pool.LakebaseViburDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Auto-configured contexts that really connect, through the emulator. */
@EmulatedLakebase
class LakebaseEmulatorContextTest {

  private static LakebaseEmulator emulator;
  private static EmulatedCompute endpoint;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
    endpoint = shared.defaultEndpoint();
    TestSupport.writeProfiles(shared);
  }

  /** The endpoint and the emulator's port and DNS, with a PAT-authenticated client. */
  private static ApplicationContextRunner runner() {
    return TestSupport.runner(emulator, endpoint);
  }

  @Test
  void databricksAppEnvironmentWithNoPropertiesAtAll() {
    long discoveryCalls = emulator.counters().apiCalls("/api/2.0/postgres/projects");
    long logins = emulator.counters().loginsAccepted(endpoint.name());
    Map<String, String> appEnvironment = Map.of(
        "LAKEBASE_ENDPOINT", endpoint.name(),
        "PGHOST", endpoint.host(),
        "PGPORT", Integer.toString(emulator.port()),
        "PGDATABASE", "databricks_postgres",
        "PGUSER", emulator.defaultUser(),
        "PGSSLMODE", "require",
        "PGAPPNAME", "orders-app");
    // The WorkspaceClient is the auto-configured one: Databricks unified auth with no settings
    // (the DEFAULT profile here, the app's service principal variables in Databricks Apps).
    TestSupport.runner(appEnvironment)
        .withBean(HostResolver.class, () -> TestSupport.resolver(emulator))
        .withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
        .run(context -> {
          JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
          assertThat(jdbc.queryForObject("select current_user", String.class))
              .isEqualTo(emulator.defaultUser());
          assertThat(jdbc.queryForObject("select current_setting('application_name')",
              String.class)).isEqualTo("orders-app");
          assertThat(context).hasBean("lakebaseWorkspaceClient");
        });
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isGreaterThan(logins);
    assertThat(emulator.counters().apiCalls("/api/2.0/postgres/projects"))
        .as("PGHOST is used as is: no host discovery").isEqualTo(discoveryCalls);
  }

  /**
   * A {@link LakebaseConnectionDetails} bean alone is a target (no target property), and its
   * target, port, workspace and resolver win over properties that point elsewhere.
   */
  @Test
  void connectionDetailsBeanReplacesTargetPortAndWorkspace() {
    LakebaseConnectionDetails details = new LakebaseConnectionDetails() {
      @Override
      public String endpoint() {
        return endpoint.name();
      }

      @Override
      public Integer port() {
        return emulator.port();
      }

      @Override
      public String workspaceHost() {
        return emulator.workspaceUrl();
      }

      @Override
      public String workspaceToken() {
        return emulator.patFor(emulator.defaultUser());
      }

      @Override
      public HostResolver hostResolver() {
        return TestSupport.resolver(emulator);
      }
    };
    long logins = emulator.counters().loginsAccepted(endpoint.name());
    TestSupport.runner()
        .withBean(LakebaseConnectionDetails.class, () -> details)
        .withPropertyValues("lakebase.host=db.invalid", "lakebase.port=1",
            "lakebase.databricks.host=http://127.0.0.1:1", "lakebase.databricks.profile=nope")
        .withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
        .run(context -> {
          assertThat(context).hasNotFailed().hasBean("lakebaseWorkspaceClient");
          assertThat(context.getBean(JdbcTemplate.class)
              .queryForObject("select current_user", String.class))
              .isEqualTo(emulator.defaultUser());
        });
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isGreaterThan(logins);
  }

  @Test
  void workspaceClientFromLakebaseDatabricksProperties() {
    TestSupport.runner()
        .withBean(HostResolver.class, () -> TestSupport.resolver(emulator))
        .withPropertyValues("lakebase.endpoint=" + endpoint.name(),
            "lakebase.port=" + emulator.port(),
            "lakebase.databricks.host=" + emulator.workspaceUrl(),
            "lakebase.databricks.profile=" + TestSupport.PROFILE)
        .run(context -> {
          try (var connection = context.getBean(DataSource.class).getConnection();
              var rs = connection.createStatement().executeQuery("select current_user")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(emulator.defaultUser());
          }
          WorkspaceClient client = context.getBean(WorkspaceClient.class);
          assertThat(client.config().getProfile()).isEqualTo(TestSupport.PROFILE);
          assertThat(client.config().getHost()).isEqualTo(emulator.workspaceUrl());
        });
  }

  @Test
  void viburPoolConnects() {
    runner().withPropertyValues("lakebase.pool.type=vibur").run(context -> {
      LakebaseViburDataSource pool = context.getBean(LakebaseViburDataSource.class);
      try (var connection = pool.getConnection();
          var rs = connection.createStatement().executeQuery("select 42")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
        assertThat(pool.stats().active()).isEqualTo(1);
      }
    });
  }

  @Test
  void readOnlyDataSourceUsesTheReadOnlyHost() {
    runner().withPropertyValues("lakebase.read-only.enabled=true").run(context -> {
      String readWrite = readOnlySetting(context.getBean(DataSource.class));
      String readOnly = readOnlySetting(context.getBean(
          LakebaseAutoConfiguration.READ_ONLY_DATA_SOURCE, DataSource.class));
      assertThat(readWrite).isEqualTo("off");
      assertThat(readOnly).isEqualTo("on");
    });
  }

  @Test
  void metersNextToHikarisOwn() {
    runner()
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
            DataSourcePoolMetricsAutoConfiguration.class, LakebaseMetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .run(context -> {
          readOnlySetting(context.getBean(DataSource.class));
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.find("lakebase.connect.attempts").tag("outcome", "success")
              .counter().count()).isGreaterThanOrEqualTo(1);
          assertThat(registry.find("lakebase.credential.expiry").gauge().value())
              .as("seconds to expiry of the current credential").isPositive();
          assertThat(registry.find("hikaricp.connections").tag("pool", "lakebase").gauge())
              .as("HikariCP's own meters, through Spring Boot").isNotNull();
        });
  }

  @Test
  void healthIndicatorReportsTheCredential() {
    runner()
        .withConfiguration(AutoConfigurations.of(LakebaseHealthContributorAutoConfiguration.class))
        .run(context -> {
          Health health = context.getBean("lakebaseHealthContributor", HealthIndicator.class)
              .health();
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("target",
              "Autoscaling endpoint " + endpoint.name())
              .containsEntry("host", endpoint.host())
              .containsEntry("identity", emulator.defaultUser());
          @SuppressWarnings("unchecked")
          Map<String, Object> credential = (Map<String, Object>) health.getDetails()
              .get("credential");
          assertThat(credential).containsEntry("valid", true)
              .containsEntry("lastMintResult", "success");
          assertThat((Long) credential.get("secondsToExpiry")).isPositive();
          String rendered = health.toString();
          emulator.counters().mintedTokens()
              .forEach(token -> assertThat(rendered).doesNotContain(token));
        });
  }

  private static String readOnlySetting(DataSource dataSource) throws Exception {
    try (var connection = dataSource.getConnection();
        var rs = connection.createStatement().executeQuery("show default_transaction_read_only")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

}
