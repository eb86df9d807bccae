package dev.lakebase.spring.autoconfigure;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebaseUserPools;
import dev.lakebase.spring.autoconfigure.internal.CurrentRequestToken;
import dev.lakebase.spring.autoconfigure.internal.UserPoolsMeters;
import dev.lakebase.spring.autoconfigure.internal.UserTokenProblemResolver;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Per-user (on-behalf-of-user) connections for Databricks Apps with user authorization, with
 * {@code lakebase.user-pools.enabled=true}: beside the application's own (service principal)
 * DataSource, a {@link JdbcClient}, a {@link JdbcTemplate} and a transaction manager whose
 * connections log in as the signed-in user of the current request (the workspace token in {@code
 * X-Forwarded-Access-Token}), so PostgreSQL grants and row-level security apply per user.
 *
 * <p>The beans are not default candidates: inject them with {@code @Qualifier} ({@link
 * #USER_JDBC_CLIENT}, {@link #USER_JDBC_TEMPLATE}, {@link #USER_TRANSACTION_MANAGER}); everything
 * without a qualifier (JPA, Flyway, {@code @Transactional} without a name, health) keeps using the
 * application's DataSource. A request without the header, or with a token the workspace rejects,
 * is answered 401 with a problem JSON body (in a servlet web application), never with the
 * service principal's data.
 */
@AutoConfiguration(after = LakebaseAutoConfiguration.class)
@ConditionalOnBooleanProperty("lakebase.user-pools.enabled")
@ConditionalOnClass(RequestContextHolder.class)
@ConditionalOnBean(LakebaseConfig.class)
public final class LakebaseUserPoolsAutoConfiguration {

  /** Name (and qualifier) of the {@link LakebaseUserPools} bean. */
  public static final String USER_POOLS = "lakebaseUserPools";
  /**
   * Name of the current user's DataSource bean. Not an autowire candidate (Spring Boot's
   * DataSource health would call it outside any request): use the JdbcClient, JdbcTemplate or
   * transaction manager, or look it up by this name.
   */
  public static final String USER_DATA_SOURCE = "lakebaseUserDataSource";
  /** Name (and qualifier) of the current user's JdbcTemplate. */
  public static final String USER_JDBC_TEMPLATE = "lakebaseUserJdbcTemplate";
  /** Name (and qualifier) of the current user's JdbcClient. */
  public static final String USER_JDBC_CLIENT = "lakebaseUserJdbcClient";
  /** Name of the transaction manager of the current user's DataSource, for {@code @Transactional}. */
  public static final String USER_TRANSACTION_MANAGER = "lakebaseUserTransactionManager";

  LakebaseUserPoolsAutoConfiguration() {}

  @Bean(name = USER_POOLS, destroyMethod = "close")
  @ConditionalOnMissingBean
  LakebaseUserPools lakebaseUserPools(LakebaseConfig config, LakebasePoolConfig pool,
      LakebaseProperties properties) {
    LakebaseProperties.UserPools users = properties.userPools();
    return LakebaseUserPools.builder(config)
        .pool(pool)
        .maxUsers(users.maxUsers())
        .maxPoolSizePerUser(users.maxPoolSizePerUser())
        .idleTimeout(users.idleTimeout())
        .workspaceHost(properties.databricks().host())
        .build();
  }

  /**
   * The current user's beans around one DataSource. Proxied bean methods, so the JdbcClient, the
   * JdbcTemplate and the transaction manager share the one DataSource instance (transactions are
   * bound per DataSource instance).
   */
  @Configuration(proxyBeanMethods = true)
  static class CurrentUserConfiguration {

    /**
     * One DataSource for all requests: each {@code getConnection()} reads the current request's
     * token, so it can be a singleton while every connection belongs to the request's user. Not
     * an autowire candidate at all: Spring Boot's DataSource health and metrics take every
     * DataSource that can be injected, and would call it outside any request (a 401, so DOWN).
     * Use the JdbcClient, JdbcTemplate or transaction manager below, or look it up by name.
     */
    @Bean(name = USER_DATA_SOURCE, autowireCandidate = false)
    DataSource lakebaseUserDataSource(@Qualifier(USER_POOLS) LakebaseUserPools pools,
        LakebaseProperties properties) {
      return pools.forUser(new CurrentRequestToken(properties.userPools().tokenHeader()));
    }

    @Bean(name = USER_JDBC_CLIENT, defaultCandidate = false)
    JdbcClient lakebaseUserJdbcClient(@Qualifier(USER_POOLS) LakebaseUserPools pools,
        LakebaseProperties properties) {
      return JdbcClient.create(lakebaseUserDataSource(pools, properties));
    }

    @Bean(name = USER_JDBC_TEMPLATE, defaultCandidate = false)
    JdbcTemplate lakebaseUserJdbcTemplate(@Qualifier(USER_POOLS) LakebaseUserPools pools,
        LakebaseProperties properties) {
      return new JdbcTemplate(lakebaseUserDataSource(pools, properties));
    }

    @Bean(name = USER_TRANSACTION_MANAGER, defaultCandidate = false)
    DataSourceTransactionManager lakebaseUserTransactionManager(
        @Qualifier(USER_POOLS) LakebaseUserPools pools, LakebaseProperties properties) {
      return new DataSourceTransactionManager(lakebaseUserDataSource(pools, properties));
    }
  }

  /** Counts of the user pools (never tagged by user), when Micrometer is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class MetersConfiguration {

    @Bean
    UserPoolsMeters lakebaseUserPoolsMeters(@Qualifier(USER_POOLS) LakebaseUserPools pools) {
      return new UserPoolsMeters(pools);
    }
  }

  /** The 401 answer in a servlet web application. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.HandlerExceptionResolver")
  static class ProblemConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UserTokenProblemResolver lakebaseUserTokenProblemResolver(LakebaseProperties properties) {
      return new UserTokenProblemResolver(properties.userPools().tokenHeader());
    }
  }
}
