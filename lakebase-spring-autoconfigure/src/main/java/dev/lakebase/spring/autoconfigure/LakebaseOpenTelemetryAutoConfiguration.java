package dev.lakebase.spring.autoconfigure;

import dev.lakebase.opentelemetry.LakebaseOpenTelemetry;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.spring.autoconfigure.internal.PoolBindingPostProcessor;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * OpenTelemetry instruments ({@code lakebase-opentelemetry}: {@code db.client.connection.*},
 * {@code lakebase.credential.*}, {@code lakebase.connect.*}) for every Lakebase pool bean, when
 * {@code lakebase-opentelemetry} is on the classpath and the application has an {@code
 * OpenTelemetry} bean. Independent of the Micrometer meters; {@code
 * lakebase.metrics.opentelemetry.enabled=false} turns it off (e.g. when Micrometer already
 * exports to the same backend).
 */
@AutoConfiguration(after = LakebaseAutoConfiguration.class,
    afterName = "org.springframework.boot.opentelemetry.autoconfigure"
        + ".OpenTelemetrySdkAutoConfiguration")
@ConditionalOnClass({OpenTelemetry.class, LakebaseOpenTelemetry.class})
@ConditionalOnBean({LakebasePooledDataSource.class, OpenTelemetry.class})
@ConditionalOnBooleanProperty(name = "lakebase.metrics.opentelemetry.enabled",
    matchIfMissing = true)
public final class LakebaseOpenTelemetryAutoConfiguration {

  LakebaseOpenTelemetryAutoConfiguration() {}

  /**
   * Binds each pool (the read-only one too) when its bean is created, before first use.
   *
   * @param openTelemetry the application's OpenTelemetry
   * @return the post-processor
   */
  @Bean
  static PoolBindingPostProcessor lakebaseOpenTelemetryPoolBinder(
      ObjectProvider<OpenTelemetry> openTelemetry) {
    return new PoolBindingPostProcessor("OpenTelemetry instruments",
        pool -> LakebaseOpenTelemetry.bind(pool, openTelemetry.getObject()));
  }
}
