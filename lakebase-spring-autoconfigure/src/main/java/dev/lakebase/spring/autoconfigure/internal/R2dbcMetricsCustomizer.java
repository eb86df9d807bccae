package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.r2dbc.LakebaseR2dbcMetrics;
import dev.lakebase.spring.autoconfigure.LakebaseR2dbcConnectionFactoryCustomizer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/** Attaches {@link LakebaseR2dbcMetrics} to the auto-configured factory. */
public final class R2dbcMetricsCustomizer implements LakebaseR2dbcConnectionFactoryCustomizer {

  private final ObjectProvider<MeterRegistry> registry;
  private final String poolName;
  private LakebaseR2dbcMetrics metrics;

  /**
   * Creates the customizer.
   *
   * @param registry the meter registry, resolved when the factory is built
   * @param poolName the {@code pool} tag
   */
  public R2dbcMetricsCustomizer(ObjectProvider<MeterRegistry> registry, String poolName) {
    this.registry = registry;
    this.poolName = poolName;
  }

  @Override
  public void customize(LakebaseConnectionFactory.Builder builder) {
    metrics = new LakebaseR2dbcMetrics(registry.getObject(), poolName);
    builder.listener(metrics);
  }

  @Override
  public void built(LakebaseConnectionFactory factory) {
    metrics.bind(factory);
  }
}
