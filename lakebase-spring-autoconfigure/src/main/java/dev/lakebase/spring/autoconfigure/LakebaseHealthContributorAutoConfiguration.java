package dev.lakebase.spring.autoconfigure;

import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.spring.autoconfigure.internal.ConnectFailureRecorder;
import dev.lakebase.spring.autoconfigure.internal.LakebaseHealthIndicator;
import java.util.Map;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.SimpleAutowireCandidateResolver;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code lakebase} health contributor (Spring Boot Actuator): one indicator per Lakebase pool
 * (a composite keyed by bean name when there are several, e.g. with the read-only DataSource).
 * Disable with {@code management.health.lakebase.enabled=false}.
 */
@AutoConfiguration(after = LakebaseAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(LakebasePooledDataSource.class)
@ConditionalOnEnabledHealthIndicator("lakebase")
@EnableConfigurationProperties(LakebaseProperties.class)
public final class LakebaseHealthContributorAutoConfiguration {

  LakebaseHealthContributorAutoConfiguration() {}

  /**
   * Records connect failures for the health details; picked up by the auto-configured {@code
   * LakebaseConfig} like any other listener bean.
   *
   * @return the recorder
   */
  @Bean
  ConnectFailureRecorder lakebaseConnectFailureRecorder() {
    return new ConnectFailureRecorder();
  }

  @Bean
  @ConditionalOnMissingBean(name = {"lakebaseHealthIndicator", "lakebaseHealthContributor"})
  HealthContributor lakebaseHealthContributor(ConfigurableListableBeanFactory beanFactory,
      LakebaseProperties properties, ConnectFailureRecorder failures) {
    Map<String, LakebasePooledDataSource> pools = SimpleAutowireCandidateResolver
        .resolveAutowireCandidates(beanFactory, LakebasePooledDataSource.class);
    if (pools.size() == 1) {
      return indicator(pools.values().iterator().next(), properties, failures);
    }
    return CompositeHealthContributor.fromMap(pools,
        pool -> indicator(pool, properties, failures));
  }

  private static HealthIndicator indicator(LakebasePooledDataSource pool,
      LakebaseProperties properties, ConnectFailureRecorder failures) {
    return new LakebaseHealthIndicator(pool, properties.health().timeout(),
        properties.health().validateConnection(), failures);
  }
}
