package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebasePoolMetrics;
import dev.lakebase.pool.LakebasePooledDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Binds every Lakebase pool to the meter registry as soon as the pool bean exists, before anything
 * can borrow from it. (A {@code MeterBinder} would be bound only after all singletons exist, by
 * which time Flyway or an application runner may have connected: the first mint and connects of
 * the application would be missing from the counters.)
 */
public final class PoolMetricsPostProcessor implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(PoolMetricsPostProcessor.class);

  private final ObjectProvider<MeterRegistry> registry;

  /**
   * Creates the post-processor.
   *
   * @param registry the application's meter registry, resolved at the first pool
   */
  public PoolMetricsPostProcessor(ObjectProvider<MeterRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof LakebasePooledDataSource pool) {
      try {
        LakebasePoolMetrics.bind(pool, registry.getObject());
      } catch (IllegalArgumentException e) {
        // A LakebasePooledDataSource the application built without LakebasePools.
        log.warn("No Lakebase metrics for DataSource bean '{}': {}", beanName, e.getMessage());
      }
    }
    return bean;
  }
}
