package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.opentelemetry.LakebaseOpenTelemetry;
import dev.lakebase.pool.LakebasePooledDataSource;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The pools are bound to an OpenTelemetry bean when there is one, and only then. */
class LakebaseOpenTelemetryAutoConfigurationTest {

  private static final String BINDER = "lakebaseOpenTelemetryPoolBinder";

  private final InMemoryMetricReader reader = InMemoryMetricReader.create();

  private final ApplicationContextRunner runner = TestSupport.runner()
      .withConfiguration(AutoConfigurations.of(LakebaseOpenTelemetryAutoConfiguration.class))
      .withPropertyValues("lakebase.endpoint=projects/shop/branches/main/endpoints/primary");

  private OpenTelemetry openTelemetry() {
    return OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build();
  }

  @Test
  void everyPoolIsBoundToTheOpenTelemetryBean() {
    runner.withBean(OpenTelemetry.class, this::openTelemetry)
        .withPropertyValues("lakebase.read-only.enabled=true").run(context -> {
          assertThat(context).hasBean(BINDER);
          assertThat(context.getBeansOfType(LakebasePooledDataSource.class)).hasSize(2);
          // Pools start lazily: the gauges exist before the first connect.
          assertThat(reader.collectAllMetrics())
              .filteredOn(m -> m.getName().equals("db.client.connection.max"))
              .flatExtracting(m -> m.getData().getPoints())
              .extracting(p -> p.getAttributes().get(io.opentelemetry.api.common.AttributeKey
                  .stringKey("db.client.connection.pool.name")))
              .containsExactlyInAnyOrder("lakebase", "lakebase-ro");
          assertThat(reader.collectAllMetrics()).extracting(MetricData::getInstrumentationScopeInfo)
              .allSatisfy(s -> assertThat(s.getName())
                  .isEqualTo(LakebaseOpenTelemetry.INSTRUMENTATION_SCOPE));
        });
  }

  @Test
  void offWithoutAnOpenTelemetryBeanOrWhenDisabled() {
    runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BINDER));
    runner.withBean(OpenTelemetry.class, this::openTelemetry)
        .withPropertyValues("lakebase.metrics.opentelemetry.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BINDER));
    runner.withBean(OpenTelemetry.class, this::openTelemetry)
        .withClassLoader(new FilteredClassLoader(LakebaseOpenTelemetry.class))
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(BINDER));
  }
}
