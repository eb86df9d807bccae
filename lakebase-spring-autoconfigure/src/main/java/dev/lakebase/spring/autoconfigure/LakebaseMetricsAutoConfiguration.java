package dev.lakebase.spring.autoconfigure;

import dev.lakebase.pool.LakebasePoolMetrics;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.spring.autoconfigure.internal.PoolBindingPostProcessor;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of every Lakebase pool bean ({@code lakebase.credential.mints}, {@code
 * lakebase.credential.mint.latency}, {@code lakebase.credential.expiry}, {@code
 * lakebase.connect.attempts}, {@code lakebase.connect.coldstart.wait}, {@code
 * lakebase.pool.connections}), next to the pool's own meters ({@code hikaricp.*} from Spring
 * Boot's DataSource metrics).
 */
@AutoConfiguration(after = LakebaseAutoConfiguration.class,
    afterName = "org.springframework.boot.micrometer.metrics.autoconfigure"
        + ".CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({LakebasePooledDataSource.class, MeterRegistry.class})
public final class LakebaseMetricsAutoConfiguration {

  LakebaseMetricsAutoConfiguration() {}

  /**
   * Binds each pool (the read-only one too) when its bean is created.
   *
   * @param registry the meter registry
   * @return the post-processor
   */
  @Bean
  static PoolBindingPostProcessor lakebasePoolMetricsPostProcessor(
      ObjectProvider<MeterRegistry> registry) {
    return new PoolBindingPostProcessor("metrics",
        pool -> LakebasePoolMetrics.bind(pool, registry.getObject()));
  }
}
