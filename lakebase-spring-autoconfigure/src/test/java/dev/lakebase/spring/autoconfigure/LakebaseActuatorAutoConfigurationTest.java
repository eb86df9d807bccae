package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.spring.autoconfigure.internal.ConnectFailureRecorder;
import dev.lakebase.spring.autoconfigure.internal.LakebaseHealthIndicator;
import dev.lakebase.jdbc.LakebaseConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The health and metrics auto-configurations appear with Actuator and back off without it. */
class LakebaseActuatorAutoConfigurationTest {

  private static final String HEALTH = "lakebaseHealthContributor";
  private static final String METRICS = "lakebasePoolMetricsPostProcessor";

  private final ApplicationContextRunner runner = TestSupport.runner()
      .withConfiguration(AutoConfigurations.of(LakebaseHealthContributorAutoConfiguration.class,
          LakebaseMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
      .withPropertyValues("lakebase.endpoint=projects/shop/branches/main/endpoints/primary");

  @Test
  void healthIndicatorAndMetricsWithActuator() {
    runner.run(context -> {
      assertThat(context.getBean(HEALTH)).isInstanceOf(LakebaseHealthIndicator.class);
      assertThat(context).hasBean(METRICS);
      assertThat(context.getBean(LakebaseConfig.class).listeners())
          .as("the health details' connect-failure recorder listens to the core")
          .containsExactly(context.getBean(ConnectFailureRecorder.class));
      assertThat(context.getBean(MeterRegistry.class).find("lakebase.pool.connections")
          .tag("pool", "lakebase").gauges())
          .as("the pool is bound to the registry").isNotEmpty();
    });
  }

  @Test
  void onePerPoolWithTheReadOnlyDataSource() {
    runner.withPropertyValues("lakebase.read-only.enabled=true").run(context -> {
      CompositeHealthContributor composite =
          (CompositeHealthContributor) context.getBean(HEALTH, HealthContributor.class);
      assertThat(composite.getContributor("dataSource")).isInstanceOf(HealthIndicator.class);
      assertThat(composite.getContributor(LakebaseAutoConfiguration.READ_ONLY_DATA_SOURCE))
          .isInstanceOf(HealthIndicator.class);
      assertThat(context.getBean(MeterRegistry.class).find("lakebase.pool.connections")
          .tag("pool", "lakebase-ro").gauges()).isNotEmpty();
    });
  }

  @Test
  void noHealthWithoutSpringBootHealth() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(HEALTH)
          .doesNotHaveBean(ConnectFailureRecorder.class)
          .hasSingleBean(LakebasePooledDataSource.class);
      assertThat(context).hasBean(METRICS);
    });
  }

  @Test
  void noMetricsWithoutMicrometer() {
    runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(METRICS)
            .hasBean(HEALTH).hasSingleBean(LakebasePooledDataSource.class));
  }

  @Test
  void noMetricsWithoutARegistry() {
    TestSupport.runner()
        .withConfiguration(AutoConfigurations.of(LakebaseMetricsAutoConfiguration.class))
        .withPropertyValues("lakebase.endpoint=projects/shop/branches/main/endpoints/primary")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(METRICS));
  }

  @Test
  void healthIndicatorCanBeDisabled() {
    runner.withPropertyValues("management.health.lakebase.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(HEALTH));
  }

  @Test
  void nothingForAnApplicationDataSource() {
    runner.withBean("appDataSource", DataSource.class, SimpleDriverDataSource::new)
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(HEALTH)
            .doesNotHaveBean(METRICS));
  }
}
