package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A startup that fails on Lakebase (here: Flyway migrating at startup) ends within seconds with a
 * report naming the cause and the property to change; the starter without a target, or with a
 * misspelt target key, gets a Lakebase report; an application with its own {@code
 * spring.datasource.url} boots on it untouched. Real {@link SpringApplication} runs, so the
 * failure analyzers and listeners come from {@code META-INF/spring.factories}.
 */
@EmulatedLakebase
@ExtendWith(OutputCaptureExtension.class)
class LakebaseStartupFailureTest {

  /** The "within a few seconds", with slack for a loaded machine (context start included). */
  private static final long FEW_SECONDS_MS = 10_000;

  private LakebaseEmulator emulator;

  @BeforeEach
  void fresh(LakebaseEmulator emulator) {
    this.emulator = emulator;
    emulator.reset();
    LakebaseRuntime.reset();
  }

  @Test
  void unknownEndpointFailsFlywayStartupFastNamingTheProperty(CapturedOutput output) {
    long ms = failedStartMillis(true,
        "--lakebase.endpoint=projects/demo/branches/main/endpoints/nope");
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("Lakebase endpoint projects/demo/branches/main/endpoints/nope not found"
            + " (HTTP 404")
        .contains("Change the property lakebase.endpoint (or the environment variable"
            + " LAKEBASE_ENDPOINT)")
        .doesNotContain("request timed out");
    long apiCalls = emulator.counters().apiCalls();
    System.out.printf("Spring + Flyway, unknown endpoint: startup failed after %d ms, %d workspace"
        + " API calls, %d logins%n", ms, apiCalls, emulator.counters().loginsRejected());
    assertThat(ms).isLessThan(FEW_SECONDS_MS);
    assertThat(apiCalls).as("no retry loop").isLessThanOrEqualTo(4);
  }

  @Test
  void wrongUserFailsFlywayStartupFastNamingTheProperty(CapturedOutput output) {
    long ms = failedStartMillis(true, "--lakebase.endpoint=" + emulator.defaultEndpoint().name(),
        "--lakebase.user=someone-else@example.com");
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("rejected the login of user 'someone-else@example.com'")
        .contains("Change the property lakebase.user (or the environment variable PGUSER)");
    long logins = emulator.counters().loginsRejected();
    long mints = emulator.counters().mints();
    System.out.printf("Spring + Flyway, wrong user: startup failed after %d ms, %d logins, %d"
        + " mints%n", ms, logins, mints);
    assertThat(ms).isLessThan(FEW_SECONDS_MS);
    assertThat(logins).as("the one re-mint, no retry loop").isLessThanOrEqualTo(2);
    assertThat(mints).isLessThanOrEqualTo(2);
  }

  @Test
  void noTargetGetsALakebaseReportListingTheWaysToNameOne(CapturedOutput output) {
    failedStartMillis(false, "--lakebase.databricks.host=https://example.cloud.databricks.com");
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("no Lakebase target is configured")
        .contains("lakebase.endpoint (or LAKEBASE_ENDPOINT)")
        .contains("lakebase.project and lakebase.branch")
        .contains("lakebase.instance (or LAKEBASE_INSTANCE)")
        .contains("lakebase.host (or PGHOST")
        .contains("spring.datasource.url")
        .doesNotContain("'url' attribute is not specified");
  }

  @Test
  void aMisspeltTargetIsNamedWithTheClosestValidProperty(CapturedOutput output) {
    failedStartMillis(false, "--lakebase.endpiont=projects/demo/branches/main/endpoints/primary");
    assertThat(output)
        .contains("Unknown Lakebase property lakebase.endpiont (did you mean lakebase.endpoint?)")
        .contains("APPLICATION FAILED TO START")
        .contains("Unknown Lakebase properties (ignored): lakebase.endpiont (did you mean"
            + " lakebase.endpoint?)");
  }

  @Test
  void unknownKeysAreWarnedAboutAlsoWhenTheApplicationStarts(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start(false,
        "--lakebase.endpoint=" + emulator.defaultEndpoint().name(),
        "--lakebase.pool.maximum-pool-sise=3", "--lakebase.connect-budget=5s",
        "--lakebase.pool.vibur.acquireRetryDelayInMs=10")) {
      assertThat(context.getBean(DataSource.class)).isInstanceOf(LakebasePooledDataSource.class);
    }
    assertThat(output).contains("Unknown Lakebase property lakebase.pool.maximum-pool-sise (did"
        + " you mean lakebase.pool.maximum-pool-size?)")
        .doesNotContain("lakebase.connect-budget (")
        .doesNotContain("Unknown Lakebase property lakebase.pool.vibur");
  }

  @Test
  void anApplicationWithItsOwnDataSourceUrlBootsOnItUntouched(CapturedOutput output) {
    // The embedded PostgreSQL's own URL (a container-backed emulator has another DataSource type).
    org.junit.jupiter.api.Assumptions.assumeTrue(
        emulator.adminDataSource() instanceof PGSimpleDataSource);
    PGSimpleDataSource admin = (PGSimpleDataSource) emulator.adminDataSource();
    try (ConfigurableApplicationContext context = start(false,
        "--spring.datasource.url=" + admin.getURL(),
        "--spring.datasource.username=" + admin.getUser())) {
      DataSource ds = context.getBean(DataSource.class);
      assertThat(ds).isInstanceOf(HikariDataSource.class)
          .isNotInstanceOf(LakebasePooledDataSource.class);
      assertThat(((HikariDataSource) ds).getJdbcUrl()).isEqualTo(admin.getURL());
      assertThat(new JdbcTemplate(ds).queryForObject("select 1", Integer.class)).isEqualTo(1);
    }
    assertThat(output).doesNotContain("Lakebase target").doesNotContain("FAILED TO START");
  }

  /** Runs the application expecting it to fail; returns how long the run took. */
  private long failedStartMillis(boolean flyway, String... args) {
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> start(flyway, args).close());
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private ConfigurableApplicationContext start(boolean flyway, String... args) {
    SpringApplication application = new SpringApplication(
        flyway ? FlywayApplication.class : Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.addInitializers(context -> {
      // No real PG*/LAKEBASE_* variable of the build machine may leak in.
      context.getEnvironment().getPropertySources().replace(
          StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
          new SystemEnvironmentPropertySource(
              StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of()));
      GenericApplicationContext generic = (GenericApplicationContext) context;
      generic.registerBean(HostResolver.class, () -> TestSupport.resolver(emulator));
      generic.registerBean(WorkspaceClient.class, () -> TestSupport.workspaceClient(emulator));
    });
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--lakebase.port=" + emulator.port());
    all.add("--spring.liquibase.enabled=false");
    all.add("--spring.flyway.locations=classpath:db/migration");
    return application.run(all.toArray(String[]::new));
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({LakebaseAutoConfiguration.class, DataSourceAutoConfiguration.class})
  static class Application {}

  @SpringBootConfiguration
  @ImportAutoConfiguration({LakebaseAutoConfiguration.class, DataSourceAutoConfiguration.class,
      FlywayAutoConfiguration.class})
  static class FlywayApplication {}
}
