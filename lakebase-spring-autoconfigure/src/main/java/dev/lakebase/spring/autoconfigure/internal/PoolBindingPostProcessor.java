package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebasePooledDataSource;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Binds every Lakebase pool to a metrics system (Micrometer, OpenTelemetry) as soon as the pool
 * bean exists, before anything can borrow from it. (A {@code MeterBinder} would be bound only
 * after all singletons exist, by which time Flyway or an application runner may have connected:
 * the first mint and connects of the application would be missing from the counters.)
 */
public final class PoolBindingPostProcessor implements BeanPostProcessor {

  private static final Logger log = LoggerFactory.getLogger(PoolBindingPostProcessor.class);

  private final String what;
  private final Consumer<LakebasePooledDataSource> bind;

  /**
   * Creates the post-processor.
   *
   * @param what what the binding records, for the log line of a pool it cannot bind
   * @param bind binds one pool; resolves the registry or OpenTelemetry at the first pool
   */
  public PoolBindingPostProcessor(String what, Consumer<LakebasePooledDataSource> bind) {
    this.what = what;
    this.bind = bind;
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof LakebasePooledDataSource pool) {
      try {
        bind.accept(pool);
      } catch (IllegalArgumentException e) {
        // A LakebasePooledDataSource the application built without LakebasePools.
        log.warn("No Lakebase {} for DataSource bean '{}': {}", what, beanName, e.getMessage());
      }
    }
    return bean;
  }
}
