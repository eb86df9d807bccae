package dev.lakebase.examples.orders.dashboard;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The live page's collectors: pool activity from the SDK's events, request numbers, and the
 * OpenTelemetry instruments.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

  /**
   * A {@code PoolListener} bean: the starter hands it to the pool it creates, so the page counts
   * the application's first mint and connects (Flyway's) too.
   */
  @Bean
  PoolActivity dashboardPoolActivity() {
    return new PoolActivity();
  }

  @Bean
  RequestStats dashboardRequestStats() {
    return new RequestStats();
  }

  @Bean
  OpenTelemetryMetrics dashboardOpenTelemetryMetrics() {
    return new OpenTelemetryMetrics();
  }

  /**
   * The application's OpenTelemetry: the starter binds the Lakebase pool to it (with {@code
   * lakebase-opentelemetry} present). Exported every second into memory for the page; a real
   * deployment would register an OTLP exporter (or use the OpenTelemetry Java agent) instead.
   */
  @Bean(destroyMethod = "close")
  OpenTelemetrySdk openTelemetry(OpenTelemetryMetrics metrics) {
    return OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder()
            .setResource(Resource.getDefault().toBuilder()
                .put(AttributeKey.stringKey("service.name"), "orders-app").build())
            .registerMetricReader(PeriodicMetricReader.builder(metrics)
                .setInterval(Duration.ofSeconds(1)).build())
            .build())
        .build();
  }
}
