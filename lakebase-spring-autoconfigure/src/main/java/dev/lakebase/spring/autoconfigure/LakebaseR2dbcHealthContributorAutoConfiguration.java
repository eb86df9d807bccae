package dev.lakebase.spring.autoconfigure;

import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.spring.autoconfigure.internal.LakebaseR2dbcHealthIndicator;
import io.r2dbc.pool.ConnectionPool;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code lakebaseR2dbc} reactive health contributor (Spring Boot Actuator) of the
 * auto-configured R2DBC pool: UP when a connection can be acquired and answers within {@code
 * lakebase.health.timeout}, with the credential's state and the pool's connections as details,
 * never a token. Disabled with the JDBC one by {@code management.health.lakebase.enabled=false}.
 */
@AutoConfiguration(after = LakebaseR2dbcAutoConfiguration.class)
@ConditionalOnClass({ReactiveHealthIndicator.class, ConditionalOnEnabledHealthIndicator.class,
    LakebaseConnectionFactory.class, ConnectionPool.class})
@ConditionalOnBean(name = LakebaseR2dbcAutoConfiguration.CONNECTION_FACTORY)
@ConditionalOnEnabledHealthIndicator("lakebase")
@EnableConfigurationProperties(LakebaseProperties.class)
public final class LakebaseR2dbcHealthContributorAutoConfiguration {

  LakebaseR2dbcHealthContributorAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean(name = "lakebaseR2dbcHealthContributor")
  ReactiveHealthIndicator lakebaseR2dbcHealthContributor(
      @Qualifier(LakebaseR2dbcAutoConfiguration.CONNECTION_FACTORY) LakebaseConnectionFactory factory,
      @Qualifier("connectionFactory") ConnectionPool pool, LakebaseProperties properties) {
    return new LakebaseR2dbcHealthIndicator(factory, pool, properties.health().timeout(),
        properties.health().validateConnection());
  }
}
