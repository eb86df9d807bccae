package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.PostgresAPI;
import com.databricks.sdk.service.postgres.PostgresService;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.pool.LakebaseHikariDataSource;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebaseViburDataSource;
import dev.lakebase.pool.PoolListener;
import dev.lakebase.pool.PoolType;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The auto-configuration's conditions and bindings, without connecting (pools start lazily, so a
 * context can be built against an endpoint that does not exist).
 */
class LakebaseAutoConfigurationTest {

  private static final String ENDPOINT = "projects/shop/branches/main/endpoints/primary";

  private final ApplicationContextRunner runner = TestSupport.runner()
      .withPropertyValues("lakebase.endpoint=" + ENDPOINT);

  @Test
  void backsOffWithoutATarget() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LakebaseAutoConfiguration.class))
        .withInitializer(context -> context.getEnvironment().getPropertySources()
            .remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME))
        .run(context -> assertThat(context)
            .hasNotFailed()
            .doesNotHaveBean(LakebaseConfig.class)
            .doesNotHaveBean(DataSource.class)
            .hasSingleBean(LakebaseProperties.class));
  }

  @Test
  void endpointGivesALazyHikariPoolWithLakebaseDefaults() {
    runner.run(context -> {
      assertThat(context).hasSingleBean(DataSource.class);
      LakebaseConfig config = context.getBean(LakebaseConfig.class);
      assertThat(config.target()).isEqualTo(LakebaseTarget.endpoint(ENDPOINT));
      assertThat(config.workspaceClient()).as("the lazy WorkspaceClient bean").isPresent();
      LakebaseHikariDataSource pool =
          (LakebaseHikariDataSource) context.getBean(DataSource.class);
      assertThat(pool.lakebaseDataSource().config().target())
          .isEqualTo(LakebaseTarget.endpoint(ENDPOINT));
      assertThat(pool.getPoolName()).isEqualTo("lakebase");
      assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
      assertThat(pool.getMinimumIdle()).isZero();
      assertThat(pool.getMaxLifetime()).isEqualTo(Duration.ofMinutes(45).toMillis());
      assertThat(pool.stats().total()).as("nothing connects at startup").isZero();
      Advised client = (Advised) context.getBean(WorkspaceClient.class);
      assertThat(((AbstractLazyCreationTargetSource) client.getTargetSource()).isInitialized())
          .as("unified auth is not resolved before the first connect").isFalse();
    });
  }

  @Test
  void disabledByProperty() {
    runner.withPropertyValues("lakebase.enabled=false",
            "spring.datasource.url=jdbc:postgresql://localhost/app")
        .run(context -> {
          assertThat(context).doesNotHaveBean(LakebaseConfig.class)
              .doesNotHaveBean(LakebasePooledDataSource.class)
              .doesNotHaveBean(WorkspaceClient.class);
          assertThat(context.getBean(DataSource.class)).as("Spring Boot's own pool takes over")
              .isExactlyInstanceOf(HikariDataSource.class);
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesADataSource() {
    runner.withBean("appDataSource", DataSource.class, SimpleDriverDataSource::new)
        .run(context -> {
          assertThat(context).hasSingleBean(DataSource.class).hasBean("appDataSource")
              .doesNotHaveBean(LakebasePooledDataSource.class);
          assertThat(context).as("the configuration stays available to build one")
              .hasSingleBean(LakebaseConfig.class);
        });
  }

  @Test
  void backsOffWhenTheApplicationDefinesAWorkspaceClient() {
    PostgresAPI postgres = new PostgresAPI((PostgresService) null);
    WorkspaceClient own = new WorkspaceClient(true).withPostgresAPI(postgres);
    runner.withBean("ownClient", WorkspaceClient.class, () -> own).run(context -> {
      assertThat(context).hasSingleBean(WorkspaceClient.class).hasBean("ownClient")
          .doesNotHaveBean("lakebaseWorkspaceClient");
      WorkspaceClient used = context.getBean(LakebaseConfig.class).workspaceClient().orElseThrow();
      assertThat(used.postgres()).as("the core talks to the application's client")
          .isSameAs(postgres);
    });
  }

  @Test
  void unusableDatabricksAuthFailsTheFirstConnectNotTheStartup() {
    runner.withPropertyValues("lakebase.databricks.profile=no-such-profile",
            "lakebase.pool.connection-timeout=1s")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThatThrownBy(() -> context.getBean(DataSource.class).getConnection())
              .isInstanceOf(SQLException.class)
              .rootCause().hasMessageContaining("no-such-profile");
        });
  }

  @Test
  void noWorkspaceClientBeanWhenDatabricksIsDisabled() {
    runner.withPropertyValues("lakebase.databricks.enabled=false",
            "lakebase.databricks.profile=prod")
        .run(context -> {
          assertThat(context).doesNotHaveBean(WorkspaceClient.class);
          LakebaseConfig config = context.getBean(LakebaseConfig.class);
          assertThat(config.workspaceClient())
              .as("the core builds its own client from unified auth").isEmpty();
          assertThat(config.workspaceAuth().profile()).contains("prod");
        });
  }

  @Test
  void viburWhenChosen() {
    runner.withPropertyValues("lakebase.pool.type=vibur", "lakebase.pool.maximum-pool-size=4",
            "lakebase.pool.vibur.statement-cache-max-size=50")
        .run(context -> {
          LakebaseViburDataSource pool =
              (LakebaseViburDataSource) context.getBean(DataSource.class);
          assertThat(pool.poolType()).isEqualTo(PoolType.VIBUR);
          assertThat(pool.getPoolMaxSize()).isEqualTo(4);
          assertThat(pool.getStatementCacheMaxSize()).isEqualTo(50);
          assertThat(pool.stats().total()).isZero();
        });
  }

  @Test
  void springDatasourceHikariTuningReachesTheHikariPool() {
    runner.withPropertyValues("lakebase.pool.maximum-pool-size=4",
            "spring.datasource.hikari.maximum-pool-size=7",
            "spring.datasource.hikari.leak-detection-threshold=5000",
            "spring.datasource.hikari.pool-name=orders")
        .run(context -> {
          HikariDataSource pool = context.getBean(HikariDataSource.class);
          assertThat(pool.getMaximumPoolSize()).as("Spring's Hikari tuning wins").isEqualTo(7);
          assertThat(pool.getLeakDetectionThreshold()).isEqualTo(5000);
          assertThat(pool.getPoolName()).isEqualTo("orders");
        });
  }

  @Test
  void lakebasePoolSettingsReachTheHikariPool() {
    runner.withPropertyValues("lakebase.pool.maximum-pool-size=4",
            "lakebase.pool.minimum-idle=1", "lakebase.pool.max-lifetime=30m",
            "lakebase.pool.connection-timeout=12s", "lakebase.pool.name=orders")
        .run(context -> {
          HikariDataSource pool = context.getBean(HikariDataSource.class);
          assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
          assertThat(pool.getMinimumIdle()).isEqualTo(1);
          assertThat(pool.getMaxLifetime()).isEqualTo(Duration.ofMinutes(30).toMillis());
          assertThat(pool.getConnectionTimeout()).isEqualTo(12_000);
          assertThat(pool.getPoolName()).isEqualTo("orders");
        });
  }

  @Test
  void everyCoreSettingIsBound() {
    runner.withPropertyValues("lakebase.host=ep-1.example.com", "lakebase.port=6543",
            "lakebase.database=orders", "lakebase.user=svc@example.com",
            "lakebase.sslmode=verify-full", "lakebase.ssl-root-cert=/etc/ca.pem",
            "lakebase.application-name=orders-api", "lakebase.connect-timeout=3s",
            "lakebase.connect-budget=45s", "lakebase.refresh-ahead=20m",
            "lakebase.min-token-validity=3m", "lakebase.initial-backoff=50ms",
            "lakebase.max-backoff=4s", "lakebase.databricks.host=https://example.cloud",
            "lakebase.databricks.profile=prod",
            "lakebase.driver-properties.prepareThreshold=0")
        .run(context -> {
          LakebaseConfig config = context.getBean(LakebaseConfig.class);
          assertThat(config.host()).contains("ep-1.example.com");
          assertThat(config.port()).isEqualTo(6543);
          assertThat(config.database()).isEqualTo("orders");
          assertThat(config.user()).contains("svc@example.com");
          assertThat(config.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
          assertThat(config.sslRootCert()).contains("/etc/ca.pem");
          assertThat(config.applicationName()).contains("orders-api");
          assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
          assertThat(config.connectBudget()).isEqualTo(Duration.ofSeconds(45));
          assertThat(config.refreshAhead()).isEqualTo(Duration.ofMinutes(20));
          assertThat(config.minTokenValidity()).isEqualTo(Duration.ofMinutes(3));
          assertThat(config.initialBackoff()).isEqualTo(Duration.ofMillis(50));
          assertThat(config.maxBackoff()).isEqualTo(Duration.ofSeconds(4));
          assertThat(config.workspaceAuth().host()).contains("https://example.cloud");
          assertThat(config.workspaceAuth().profile()).contains("prod");
          assertThat(config.driverProperties()).containsEntry("prepareThreshold", "0");
        });
  }

  @Test
  void otherTargets() {
    TestSupport.runner().withPropertyValues("lakebase.project=shop", "lakebase.branch=dev")
        .run(context -> assertThat(context.getBean(LakebaseConfig.class).describeTarget())
            .isEqualTo("Autoscaling branch projects/shop/branches/dev"));
    TestSupport.runner().withPropertyValues("lakebase.instance=orders-db")
        .run(context -> assertThat(context.getBean(LakebaseConfig.class).target())
            .isEqualTo(LakebaseTarget.instance("orders-db")));
    TestSupport.runner().withPropertyValues("lakebase.host=localhost",
            "lakebase.user=app", "lakebase.password=secret", "lakebase.sslmode=disable")
        .run(context -> {
          LakebaseConfig config = context.getBean(LakebaseConfig.class);
          assertThat(config.credentialProvider()).as("static password").isPresent();
          assertThat(config.toString()).doesNotContain("secret");
          assertThat(context.getBean(LakebaseProperties.class).toString())
              .doesNotContain("secret");
        });
  }

  @Test
  void databricksAppsEnvironmentNeedsNoProperties() {
    Map<String, String> appEnvironment = Map.of(
        "LAKEBASE_ENDPOINT", ENDPOINT,
        "PGHOST", "ep-primary.database.example.com",
        "PGPORT", "6543",
        "PGDATABASE", "orders",
        "PGUSER", "6f1c2d3e-0000-4000-8000-000000000001",
        "PGSSLMODE", "verify-full",
        "PGAPPNAME", "orders-app");
    TestSupport.runner(appEnvironment).run(context -> {
      assertThat(context).hasSingleBean(LakebasePooledDataSource.class);
      assertThat(context.getBean(LakebaseProperties.class).endpoint())
          .as("LAKEBASE_ENDPOINT binds to lakebase.endpoint").isEqualTo(ENDPOINT);
      LakebaseConfig config = context.getBean(LakebaseConfig.class);
      assertThat(config.target()).isEqualTo(LakebaseTarget.endpoint(ENDPOINT));
      assertThat(config.host()).contains("ep-primary.database.example.com");
      assertThat(config.port()).isEqualTo(6543);
      assertThat(config.database()).isEqualTo("orders");
      assertThat(config.user()).contains("6f1c2d3e-0000-4000-8000-000000000001");
      assertThat(config.sslMode()).isEqualTo(SslMode.VERIFY_FULL);
      assertThat(config.applicationName()).contains("orders-app");
    });
  }

  @Test
  void propertiesWinOverTheEnvironment() {
    TestSupport.runner(Map.of("LAKEBASE_ENDPOINT", ENDPOINT, "PGUSER", "from-env",
            "PGDATABASE", "envdb"))
        .withPropertyValues("lakebase.user=from-property")
        .run(context -> {
          LakebaseConfig config = context.getBean(LakebaseConfig.class);
          assertThat(config.user()).contains("from-property");
          assertThat(config.database()).isEqualTo("envdb");
        });
  }

  @Test
  void picksUpResolverProviderAndListenerBeans() {
    HostResolver resolver = host -> new InetAddress[] {InetAddress.getLoopbackAddress()};
    CredentialProvider provider = CredentialProviders.staticPassword("not-a-token");
    LakebaseListener first = new LakebaseListener() {};
    LakebaseListener second = new LakebaseListener() {};
    PoolListener poolListener = new PoolListener() {};
    runner.withBean(HostResolver.class, () -> resolver)
        .withBean(CredentialProvider.class, () -> provider)
        .withBean("first", LakebaseListener.class, () -> first)
        .withBean("second", LakebaseListener.class, () -> second)
        .withBean(PoolListener.class, () -> poolListener)
        .run(context -> {
          LakebaseConfig config = context.getBean(LakebaseConfig.class);
          assertThat(config.hostResolver()).isSameAs(resolver);
          assertThat(config.credentialProvider()).containsSame(provider);
          assertThat(config.listeners()).containsExactlyInAnyOrder(first, second);
          assertThat(context.getBean(LakebasePoolConfig.class).listeners())
              .containsExactly(poolListener);
        });
  }

  @Test
  void readOnlyDataSourceIsQualifiedAndNotTheDefault() {
    runner.withPropertyValues("lakebase.read-only.enabled=true",
            "lakebase.read-only.maximum-pool-size=3")
        .withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class))
        .withUserConfiguration(Repository.class)
        .run(context -> {
          DataSource main = context.getBean("dataSource", DataSource.class);
          LakebaseHikariDataSource readOnly = context.getBean(
              LakebaseAutoConfiguration.READ_ONLY_DATA_SOURCE, LakebaseHikariDataSource.class);
          assertThat(context.getBean(DataSource.class)).isSameAs(main);
          assertThat(readOnly.lakebaseDataSource().config().readOnly()).isTrue();
          assertThat(((LakebasePooledDataSource) main).lakebaseDataSource().config().readOnly())
              .isFalse();
          assertThat(readOnly.getMaximumPoolSize()).isEqualTo(3);
          assertThat(readOnly.getPoolName()).isEqualTo("lakebase-ro");
          Repository repository = context.getBean(Repository.class);
          assertThat(repository.readOnly).isSameAs(readOnly);
          assertThat(repository.main).isSameAs(main);
          assertThat(context.getBean(JdbcTemplate.class).getDataSource()).isSameAs(main);
        });
  }

  @Test
  void propertyDefaultsAreTheCoreAndPoolDefaults() {
    LakebaseProperties properties = Binder.get(new StandardEnvironment())
        .bindOrCreate("lakebase", LakebaseProperties.class);
    LakebaseConfig core = LakebaseConfig.builder().endpoint(ENDPOINT).build();
    assertThat(properties.connectTimeout()).isEqualTo(core.connectTimeout());
    assertThat(properties.connectBudget()).isEqualTo(core.connectBudget());
    assertThat(properties.refreshAhead()).isEqualTo(core.refreshAhead());
    assertThat(properties.minTokenValidity()).isEqualTo(core.minTokenValidity());
    assertThat(properties.initialBackoff()).isEqualTo(core.initialBackoff());
    assertThat(properties.maxBackoff()).isEqualTo(core.maxBackoff());
    LakebasePoolConfig pool = LakebasePoolConfig.builder().build();
    LakebaseProperties.Pool bound = properties.pool();
    assertThat(bound.type()).isEqualTo(pool.type());
    assertThat(bound.name()).isEqualTo(pool.poolName());
    assertThat(bound.maximumPoolSize()).isEqualTo(pool.maximumPoolSize());
    assertThat(bound.minimumIdle()).isEqualTo(pool.minimumIdle());
    assertThat(bound.maxLifetime()).isEqualTo(pool.maxLifetime());
    assertThat(bound.tokenLifetime()).isEqualTo(pool.tokenLifetime());
    assertThat(bound.connectionTimeout()).isNull();
    assertThat(pool.connectionTimeout()).isEmpty();
    assertThat(bound.idleTimeout()).isEqualTo(pool.idleTimeout());
    assertThat(bound.keepaliveTime()).isEqualTo(pool.keepaliveTime());
    assertThat(bound.validationTimeout()).isEqualTo(pool.validationTimeout());
    assertThat(properties.readOnly().enabled()).isEqualTo(pool.readOnlyRouting());
  }

  /** An application component that wants both DataSources. */
  static class Repository {

    final DataSource main;
    final DataSource readOnly;

    Repository(DataSource main,
        @Qualifier(LakebaseAutoConfiguration.READ_ONLY_DATA_SOURCE) DataSource readOnly) {
      this.main = main;
      this.readOnly = readOnly;
    }
  }
}
