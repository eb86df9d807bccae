package dev.lakebase.spring.autoconfigure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The R2DBC settings ({@code lakebase.r2dbc.*}): whether to provide the reactive {@code
 * ConnectionFactory}, and its r2dbc-pool. The target, login, TLS and timing are the shared {@code
 * lakebase.*} settings ({@link LakebaseProperties}), so the JDBC DataSource and the R2DBC pool of
 * one application use the same credential cache.
 *
 * @param enabled whether to provide the pooled R2DBC {@code ConnectionFactory} when lakebase-r2dbc
 *     and Spring Boot's R2DBC support are on the classpath
 * @param pool the r2dbc-pool settings
 */
@ConfigurationProperties("lakebase.r2dbc")
public record LakebaseR2dbcProperties(@DefaultValue("true") boolean enabled,
    @DefaultValue Pool pool) {

  /**
   * r2dbc-pool settings, with the defaults of {@code LakebaseR2dbcPoolConfig}.
   *
   * @param name pool name, the {@code pool} tag of the Lakebase meters and r2dbc-pool's name
   * @param maxSize largest number of connections
   * @param initialSize connections opened at start (0: the application boots while the endpoint
   *     is suspended)
   * @param minIdle idle connections kept (0 lets a scale-to-zero endpoint suspend)
   * @param maxLifeTime largest age of a connection; at most 90 % of token-lifetime
   * @param tokenLifetime the token life max-life-time is checked against
   * @param maxIdleTime idle time after which a connection is closed
   * @param maxAcquireTime how long an acquire may wait (default: lakebase.connect-budget + 2s)
   * @param maxCreateConnectionTime how long creating a connection may take before the pool gives
   *     up on it (default: lakebase.connect-budget + 1s)
   * @param maxValidationTime how long validating a connection may take
   * @param backgroundEvictionInterval how often idle connections are checked for eviction
   * @param validationQuery a query run to validate a connection on acquire (default: the local
   *     liveness check only)
   */
  public record Pool(@DefaultValue("lakebase") String name, @DefaultValue("10") int maxSize,
      @DefaultValue("0") int initialSize, @DefaultValue("0") int minIdle,
      @DefaultValue("45m") Duration maxLifeTime, @DefaultValue("1h") Duration tokenLifetime,
      @DefaultValue("10m") Duration maxIdleTime, Duration maxAcquireTime,
      Duration maxCreateConnectionTime, @DefaultValue("5s") Duration maxValidationTime,
      @DefaultValue("30s") Duration backgroundEvictionInterval, String validationQuery) {}
}
