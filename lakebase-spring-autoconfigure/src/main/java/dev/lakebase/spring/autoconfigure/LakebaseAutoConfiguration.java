package dev.lakebase.spring.autoconfigure;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.pool.PoolListener;
import dev.lakebase.spring.autoconfigure.internal.CoreConfigMapper;
import dev.lakebase.spring.autoconfigure.internal.LazyWorkspaceClient;
import dev.lakebase.spring.autoconfigure.internal.PoolConfigMapper;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Databricks Lakebase: a {@link WorkspaceClient} from Databricks unified
 * auth; the {@link LakebaseConfig} and {@link LakebasePoolConfig} from {@code lakebase.*}
 * properties (or a {@link LakebaseConnectionDetails} bean), the Databricks Apps environment and
 * the application's {@link HostResolver}, {@link
 * CredentialProvider}, {@link LakebaseListener} and {@link PoolListener} beans; and the
 * application's {@link DataSource}, a Lakebase pool (HikariCP by default, honouring {@code
 * spring.datasource.hikari.*}; Vibur DBCP with {@code lakebase.pool.type=vibur}), plus an
 * optional read-only DataSource.
 *
 * <p>Runs before Spring Boot's {@code DataSourceAutoConfiguration}, so JDBC, JPA, Flyway and
 * Liquibase use the Lakebase pool without extra code. Every bean backs off when the application
 * defines its own.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "lakebase.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LakebaseProperties.class)
public final class LakebaseAutoConfiguration {

  /** Name (and qualifier) of the read-only DataSource bean. */
  public static final String READ_ONLY_DATA_SOURCE = "lakebaseReadOnlyDataSource";

  LakebaseAutoConfiguration() {}

  /**
   * A workspace client from Databricks unified auth. The bean is a proxy that builds the real
   * client on its first use: resolving unified auth may read files and call the workspace, so an
   * application boots while the workspace is unreachable, and one with a static password never
   * builds it. The proxy is built here, on the thread creating beans, so the core's worker threads
   * never reach into the bean factory.
   *
   * @param properties the settings
   * @return the client
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "lakebase.databricks.enabled", matchIfMissing = true)
  WorkspaceClient lakebaseWorkspaceClient(LakebaseProperties properties,
      ObjectProvider<LakebaseConnectionDetails> connectionDetails) {
    LakebaseConnectionDetails details = connectionDetails.getIfUnique();
    DatabricksConfig config = details != null && details.workspaceHost() != null
        && details.workspaceToken() != null
        // An explicit auth type, so DATABRICKS_* variables or a ~/.databrickscfg of the machine
        // cannot add a second, conflicting credential.
        ? new DatabricksConfig().setHost(details.workspaceHost()).setAuthType("pat")
            .setToken(details.workspaceToken())
        : properties.databricks().workspaceAuth().toDatabricksConfig();
    return LazyWorkspaceClient.of(() -> new WorkspaceClient(config));
  }

  /** The configurations of the core and the pool, whenever a Lakebase target is configured. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnLakebaseTargetCondition.class)
  static class LakebaseConfigConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LakebaseConfig lakebaseConfig(LakebaseProperties properties, Environment environment,
        ObjectProvider<WorkspaceClient> workspaceClient,
        ObjectProvider<HostResolver> hostResolver,
        ObjectProvider<CredentialProvider> credentialProvider,
        ObjectProvider<LakebaseListener> listeners,
        ObjectProvider<LakebaseConnectionDetails> connectionDetails) {
      LakebaseConfig.Builder config = CoreConfigMapper.builder(properties, environment);
      // Without a bean the core builds its own client from the same unified auth.
      workspaceClient.ifAvailable(config::workspaceClient);
      hostResolver.ifUnique(config::hostResolver);
      connectionDetails.ifUnique(details -> CoreConfigMapper.apply(details, config));
      credentialProvider.ifUnique(config::credentialProvider);
      // Pool listeners get the core's events through the pool configuration.
      listeners.orderedStream().filter(listener -> !(listener instanceof PoolListener))
          .forEach(config::listener);
      return config.build();
    }

    @Bean
    @ConditionalOnMissingBean
    LakebasePoolConfig lakebasePoolConfig(LakebaseProperties properties,
        Environment environment, ObjectProvider<PoolListener> listeners) {
      LakebasePoolConfig.Builder pool = PoolConfigMapper.builder(properties, environment);
      listeners.orderedStream().forEach(pool::listener);
      return pool.build();
    }
  }

  /** The application's DataSource(s), unless it defines its own. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(OnLakebaseTargetCondition.class)
  @ConditionalOnMissingBean(DataSource.class)
  static class LakebaseDataSourceConfiguration {

    @Bean
    @Primary
    LakebasePooledDataSource dataSource(LakebaseConfig config, LakebasePoolConfig poolConfig) {
      return LakebasePools.create(config, poolConfig);
    }

    /**
     * Not a default candidate: injection points without a qualifier, and Spring Boot's
     * single-DataSource conditions, see only the main DataSource.
     */
    @Bean(name = READ_ONLY_DATA_SOURCE, defaultCandidate = false)
    @ConditionalOnBooleanProperty("lakebase.read-only.enabled")
    LakebasePooledDataSource lakebaseReadOnlyDataSource(LakebaseConfig config,
        LakebasePoolConfig poolConfig) {
      return LakebasePools.createReadOnly(config, poolConfig).orElseThrow(
          () -> new IllegalStateException("lakebase.read-only.enabled is set but the pool"
              + " configuration has no read-only routing: a user-defined LakebasePoolConfig bean"
              + " must enable readOnlyRouting"));
    }
  }
}
