package dev.lakebase.benchmarks.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.benchmarks.stub.StubDataSource;
import dev.lakebase.benchmarks.stub.StubDriver;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.jdbc.internal.PhysicalDriverSeam;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.pool.PoolType;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.vibur.dbcp.ViburDBCPDataSource;

/**
 * Builds the pools under test. A pool gets the same settings whether it pools the bare stub or
 * the SDK, so that the two sides of a ratio differ by the SDK alone.
 */
public final class Pools {

  private Pools() {}

  /**
   * The core configuration over a stub driver: an explicit host and a static credential, so no
   * workspace call and no network is involved.
   *
   * @param driver the physical driver
   * @return the configuration
   */
  public static LakebaseConfig stubConfig(StubDriver driver) {
    return stubConfigBuilder(driver)
        .credentialProvider(CredentialProviders.staticPassword("stub-password"))
        .build();
  }

  /**
   * {@link #stubConfig} without a credential provider, for benchmarks that supply their own.
   *
   * @param driver the physical driver
   * @return the builder
   */
  public static LakebaseConfig.Builder stubConfigBuilder(StubDriver driver) {
    // Not API: the SDK's seam for exactly this measurement (see PhysicalDriverSeam).
    return PhysicalDriverSeam.use(LakebaseConfig.builder()
        .host("stub.lakebase.test")
        .user("bench"), driver);
  }

  /**
   * Starts a pool of the given kind over the given source of physical connections.
   *
   * @param kind the pool library
   * @param source bare stub or the SDK over the stub
   * @param driver the stub driver
   * @param size the pool's sizing
   * @return the started pool
   */
  public static PoolUnderTest start(PoolType kind, Source source, StubDriver driver,
      PoolSize size) {
    return switch (source) {
      case BARE -> raw(kind, new StubDataSource(driver), size, () -> { });
      case SDK -> {
        LakebaseDataSource sdk = new LakebaseDataSource(stubConfig(driver));
        yield raw(kind, sdk, size, sdk::close);
      }
      case LAKEBASE_POOL -> lakebasePool(kind, driver, size);
    };
  }

  /**
   * The pool module's factory with the same sizing; its other settings stay at their Lakebase
   * defaults (maximum lifetime, keepalive, validation), which is what its users get.
   */
  private static PoolUnderTest lakebasePool(PoolType kind, StubDriver driver, PoolSize size) {
    LakebasePooledDataSource pool = LakebasePools.create(stubConfig(driver),
        LakebasePoolConfig.builder()
            .type(kind)
            .poolName("bench-lakebase-" + kind.name().toLowerCase(Locale.ROOT))
            .minimumIdle(size.minIdle())
            .maximumPoolSize(size.max())
            .connectionTimeout(size.connectionTimeout())
            .build());
    try {
      // The module's pools start lazily, on the first borrow; the raw ones start at once.
      pool.getConnection().close();
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("The " + kind + " pool of lakebase-pool did not start", e);
    }
    return new PoolUnderTest(pool, () -> pool.stats().idle(), pool::close);
  }

  private static PoolUnderTest raw(PoolType kind, DataSource physical, PoolSize size,
      Runnable closeAfterPool) {
    return switch (kind) {
      case HIKARI -> {
        HikariDataSource hikari = new HikariDataSource(hikariConfig(physical, size));
        yield new PoolUnderTest(hikari, () -> hikari.getHikariPoolMXBean().getIdleConnections(),
            () -> {
              hikari.close();
              closeAfterPool.run();
            });
      }
      case VIBUR -> {
        ViburDBCPDataSource vibur = viburConfig(physical, size);
        vibur.start();
        yield new PoolUnderTest(vibur, () -> vibur.getPool().remainingCreated(), () -> {
          vibur.close();
          closeAfterPool.run();
        });
      }
    };
  }

  private static HikariConfig hikariConfig(DataSource physical, PoolSize size) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("bench-hikari");
    config.setDataSource(physical);
    config.setMinimumIdle(size.minIdle());
    config.setMaximumPoolSize(size.max());
    config.setConnectionTimeout(size.connectionTimeout().toMillis());
    return config;
  }

  private static ViburDBCPDataSource viburConfig(DataSource physical, PoolSize size) {
    ViburDBCPDataSource vibur = new ViburDBCPDataSource();
    vibur.setName("bench-vibur");
    vibur.setEnableJMX(false);
    vibur.setExternalDataSource(physical);
    vibur.setPoolInitialSize(size.minIdle());
    vibur.setPoolMaxSize(size.max());
    vibur.setConnectionTimeoutInMs(size.connectionTimeout().toMillis());
    return vibur;
  }
}
