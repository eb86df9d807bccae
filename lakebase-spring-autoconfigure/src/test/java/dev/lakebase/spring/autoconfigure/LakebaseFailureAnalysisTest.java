package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.spring.autoconfigure.internal.LakebaseConfigFailureAnalyzer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Bad configuration stops the application with a report that names the property to fix. */
@ExtendWith(OutputCaptureExtension.class)
class LakebaseFailureAnalysisTest {

  private static final String ENDPOINT = "projects/shop/branches/main/endpoints/primary";

  @Test
  void malformedEndpointFailsStartupWithAReportNamingTheProperty(CapturedOutput output) {
    assertThatThrownBy(() -> start("--lakebase.endpoint=projects/shop/endpoints/primary"))
        .hasRootCauseMessage("endpoint 'projects/shop/endpoints/primary' is malformed: expected"
            + " projects/{project}/branches/{branch}/endpoints/{endpoint} (lower-case letters,"
            + " digits and '-')");
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("The Lakebase configuration is invalid: endpoint"
            + " 'projects/shop/endpoints/primary' is malformed")
        .contains("Review the property lakebase.endpoint (or the environment variable"
            + " LAKEBASE_ENDPOINT)");
  }

  @Test
  void valueSpringCannotConvertIsReportedWithThePropertyName(CapturedOutput output) {
    assertThatThrownBy(() -> start("--lakebase.endpoint=" + ENDPOINT,
        "--lakebase.pool.type=c3p0"));
    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("lakebase.pool.type").contains("c3p0");
  }

  @Test
  void hostWithoutTargetNamesTheEndpoint() {
    FailureAnalysis analysis = analyze(TestSupport.runner(Map.of("PGHOST", "db.example.com")));
    assertThat(analysis.getDescription()).contains("host db.example.com is set without a"
        + " Lakebase target");
    assertThat(analysis.getAction()).contains("lakebase.endpoint")
        .contains("LAKEBASE_ENDPOINT");
  }

  @Test
  void conflictingTargets() {
    FailureAnalysis analysis = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT, "lakebase.instance=orders-db"));
    assertThat(analysis.getDescription()).contains("Conflicting Lakebase targets");
    assertThat(analysis.getAction()).contains("lakebase.endpoint");
  }

  @Test
  void tlsCannotBeDisabledForLakebase() {
    FailureAnalysis analysis = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT, "lakebase.sslmode=disable"));
    assertThat(analysis.getAction()).contains("lakebase.sslmode").contains("PGSSLMODE");
  }

  @Test
  void poolLifetimeAboveTheTokenLifeNamesTheLakebaseProperty() {
    FailureAnalysis analysis = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT, "lakebase.pool.max-lifetime=2h"));
    assertThat(analysis.getAction()).contains("lakebase.pool.max-lifetime");
  }

  @Test
  void nativeHikariSettingsAreValidatedToo() {
    FailureAnalysis analysis = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT,
            "spring.datasource.hikari.max-lifetime=7200000"));
    assertThat(analysis.getAction()).contains("spring.datasource.hikari.max-lifetime");
    FailureAnalysis unknown = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT,
            "spring.datasource.hikari.maximum-pool-sise=3"));
    assertThat(unknown.getAction()).contains("spring.datasource.hikari.maximum-pool-sise");
  }

  @Test
  void aDriverPropertyThatIsALakebaseSettingNamesTheTypedProperty() {
    FailureAnalysis analysis = analyze(TestSupport.runner()
        .withPropertyValues("lakebase.endpoint=" + ENDPOINT,
            "lakebase.driver-properties.connectTimeout=10"));
    assertThat(analysis.getDescription() + analysis.getAction())
        .contains("lakebase.driver-properties.connectTimeout")
        .contains("lakebase.connect-timeout");
  }

  private static FailureAnalysis analyze(ApplicationContextRunner runner) {
    FailureAnalysis[] analysis = new FailureAnalysis[1];
    runner.run(context -> {
      assertThat(context).hasFailed();
      analysis[0] = new LakebaseConfigFailureAnalyzer().analyze(context.getStartupFailure());
    });
    assertThat(analysis[0]).as("analysis of a LakebaseConfigException").isNotNull();
    return analysis[0];
  }

  /** Runs a real application (failure analyzers from spring.factories) in a clean environment. */
  private static void start(String... args) {
    SpringApplication application = new SpringApplication(Application.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.addInitializers(context -> context.getEnvironment().getPropertySources().replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of())));
    application.run(args).close();
  }

  @SpringBootConfiguration
  @ImportAutoConfiguration({LakebaseAutoConfiguration.class, DataSourceAutoConfiguration.class})
  static class Application {}
}
