package dev.lakebase.spring.autoconfigure;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import dev.lakebase.r2dbc.LakebaseConnectionPools;
import dev.lakebase.r2dbc.LakebaseR2dbcPoolConfig;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of reactive access to Lakebase, when {@code lakebase-r2dbc} and Spring Boot's
 * R2DBC support are on the classpath and a Lakebase target is configured: the application's
 * {@link ConnectionFactory} is an r2dbc-pool {@link ConnectionPool} (Lakebase defaults, {@code
 * lakebase.r2dbc.pool.*}) over a {@link LakebaseConnectionFactory} built from the same {@link
 * LakebaseConfig} as the JDBC DataSource, so both share one credential cache. Runs before Spring
 * Boot's {@code R2dbcAutoConfiguration}, which then backs off; Spring Data R2DBC, the R2DBC
 * transaction manager and Spring Boot's {@code r2dbc.pool.*} meters use the pool as usual.
 *
 * <p>The JDBC DataSource stays (e.g. for Flyway or Liquibase, which migrate over JDBC while the
 * application queries over R2DBC). Backs off when the application defines its own {@code
 * ConnectionFactory}; {@code lakebase.r2dbc.enabled=false} turns it off.
 */
@AutoConfiguration(after = LakebaseAutoConfiguration.class,
    beforeName = "org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration")
@ConditionalOnClass({ConnectionFactory.class, ConnectionPool.class,
    LakebaseConnectionFactory.class})
@ConditionalOnBooleanProperty(name = {"lakebase.enabled", "lakebase.r2dbc.enabled"},
    matchIfMissing = true)
@ConditionalOnBean(LakebaseConfig.class)
@ConditionalOnMissingBean(ConnectionFactory.class)
@EnableConfigurationProperties(LakebaseR2dbcProperties.class)
public final class LakebaseR2dbcAutoConfiguration {

  /** Name (and qualifier) of the unpooled {@link LakebaseConnectionFactory} bean. */
  public static final String CONNECTION_FACTORY = "lakebaseR2dbcConnectionFactory";

  LakebaseR2dbcAutoConfiguration() {}

  /**
   * The unpooled factory, not an injection candidate (the pool is the application's {@code
   * ConnectionFactory}); destroyed after the pool that depends on it.
   *
   * @param config the application's Lakebase configuration
   * @param customizers the application's customizers
   * @return the factory
   */
  @Bean(name = CONNECTION_FACTORY, defaultCandidate = false, destroyMethod = "dispose")
  LakebaseConnectionFactory lakebaseR2dbcConnectionFactory(LakebaseConfig config,
      ObjectProvider<LakebaseR2dbcConnectionFactoryCustomizer> customizers) {
    List<LakebaseR2dbcConnectionFactoryCustomizer> all = customizers.orderedStream().toList();
    LakebaseConnectionFactory.Builder builder = LakebaseConnectionFactory.builder(config);
    all.forEach(c -> c.customize(builder));
    LakebaseConnectionFactory factory = builder.build();
    all.forEach(c -> c.built(factory));
    return factory;
  }

  @Bean
  @ConditionalOnMissingBean
  LakebaseR2dbcPoolConfig lakebaseR2dbcPoolConfig(LakebaseR2dbcProperties properties) {
    LakebaseR2dbcProperties.Pool p = properties.pool();
    LakebaseR2dbcPoolConfig.Builder pool = LakebaseR2dbcPoolConfig.builder()
        .name(p.name()).maxSize(p.maxSize()).initialSize(p.initialSize()).minIdle(p.minIdle())
        .maxLifeTime(p.maxLifeTime()).tokenLifetime(p.tokenLifetime())
        .maxIdleTime(p.maxIdleTime()).maxAcquireTime(p.maxAcquireTime())
        .maxCreateConnectionTime(p.maxCreateConnectionTime())
        .maxValidationTime(p.maxValidationTime())
        .backgroundEvictionInterval(p.backgroundEvictionInterval())
        .validationQuery(p.validationQuery());
    return pool.build();
  }

  /**
   * The application's {@code ConnectionFactory}. Connects lazily ({@code initial-size} 0 by
   * default), so the application boots while the endpoint is suspended.
   *
   * @param lakebaseR2dbcConnectionFactory the Lakebase factory
   * @param pool the pool settings
   * @return the pool
   */
  @Bean(destroyMethod = "dispose")
  ConnectionPool connectionFactory(
      @Qualifier(CONNECTION_FACTORY) LakebaseConnectionFactory factory,
      LakebaseR2dbcPoolConfig pool) {
    return LakebaseConnectionPools.create(factory, pool);
  }
}
