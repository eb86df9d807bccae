package dev.lakebase.spring.autoconfigure;

import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.spring.autoconfigure.internal.R2dbcMetricsCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.pool.ConnectionPool;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the auto-configured {@link LakebaseConnectionFactory} ({@code
 * lakebase.credential.*} and {@code lakebase.connect.*}, tagged {@code pool} =
 * {@code lakebase.r2dbc.pool.name}), next to Spring Boot's {@code r2dbc.pool.*} meters of the
 * pool. The listener is attached when the factory is built, so the first connects are counted.
 */
@AutoConfiguration(before = LakebaseR2dbcAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({MeterRegistry.class, LakebaseConnectionFactory.class, ConnectionPool.class})
@ConditionalOnBean(MeterRegistry.class)
@EnableConfigurationProperties(LakebaseR2dbcProperties.class)
public final class LakebaseR2dbcMetricsAutoConfiguration {

  LakebaseR2dbcMetricsAutoConfiguration() {}

  @Bean
  LakebaseR2dbcConnectionFactoryCustomizer lakebaseR2dbcMetricsCustomizer(
      ObjectProvider<MeterRegistry> registry, LakebaseR2dbcProperties properties) {
    return new R2dbcMetricsCustomizer(registry, properties.pool().name());
  }
}
