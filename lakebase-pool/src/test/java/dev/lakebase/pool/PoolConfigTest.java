package dev.lakebase.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseDataSource;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Defaults, parsing and every kind of bad setting. Pools are created over a plain-PostgreSQL core
 * config that is never connected: creating a pool must not need the database.
 */
class PoolConfigTest {

  private static final LakebaseConfig OFFLINE = LakebaseConfig.builder()
      .host("db.invalid").user("app").password("secret-password").build();

  @Test
  void defaultsAreTheDocumentedLakebaseDefaults() {
    LakebasePoolConfig c = LakebasePoolConfig.builder().build();
    assertThat(c.type()).isEqualTo(PoolType.HIKARI);
    assertThat(c.poolName()).isEqualTo("lakebase");
    assertThat(c.maximumPoolSize()).isEqualTo(10);
    assertThat(c.minimumIdle()).isZero();
    assertThat(c.maxLifetime()).isEqualTo(Duration.ofSeconds(2700));
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.connectionTimeout()).isEmpty();
    assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.readOnlyRouting()).isFalse();
    assertThat(c.readOnlyMaximumPoolSize()).isEmpty();
    assertThat(c.nativeProperties()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void poolsGetTheDefaultsAndStartNothing(PoolType type) throws Exception {
    try (LakebasePooledDataSource pool = LakebasePools.create(OFFLINE,
        LakebasePoolConfig.builder().type(type).build())) {
      assertThat(pool.poolType()).isEqualTo(type);
      assertThat(pool.maxLifetime()).isEqualTo(Duration.ofMinutes(45));
      assertThat(pool.stats()).isEqualTo(new PoolStats(0, 0, 0, 0, 10));
      assertThat(pool.lakebaseDataSource().config()).extracting(LakebaseConfig::host)
          .isEqualTo(Optional.of("db.invalid"));
      if (pool instanceof LakebaseHikariDataSource hikari) {
        assertThat(hikari.getPoolName()).isEqualTo("lakebase");
        assertThat(hikari.getMinimumIdle()).isZero();
        assertThat(hikari.getInitializationFailTimeout()).isEqualTo(-1);
        assertThat(hikari.getConnectionTimeout()).as("connectBudget 30s + 2s").isEqualTo(32_000);
        assertThat(hikari.getKeepaliveTime()).isEqualTo(300_000);
        assertThat(hikari.getIdleTimeout()).isEqualTo(600_000);
        assertThat(hikari.getValidationTimeout()).isEqualTo(5_000);
        assertThat(hikari.getDataSource().unwrap(LakebaseDataSource.class))
            .isSameAs(pool.lakebaseDataSource());
        assertThat(hikari.isRunning()).as("lazy start").isFalse();
      } else {
        LakebaseViburDataSource vibur = (LakebaseViburDataSource) pool;
        assertThat(vibur.getName()).isEqualTo("lakebase");
        assertThat(vibur.getPoolInitialSize()).isZero();
        assertThat(vibur.getConnectionTimeoutInMs()).isEqualTo(32_000);
        assertThat(vibur.getReducerTimeIntervalInSeconds()).isEqualTo(600);
        assertThat(vibur.getExternalDataSource().unwrap(LakebaseDataSource.class))
            .isSameAs(pool.lakebaseDataSource());
        assertThat(vibur.getState()).as("lazy start").isEqualTo(
            org.vibur.dbcp.ViburDataSource.State.NEW);
      }
    }
  }

  @Test
  void keepaliveAndIdleTimeoutAreDroppedWhenTheLifetimeRetiresConnectionsFirst() {
    try (LakebaseHikariDataSource pool = LakebasePools.hikari(OFFLINE, LakebasePoolConfig
        .builder().maxLifetime(Duration.ofMinutes(2)).build())) {
      assertThat(pool.getKeepaliveTime()).isZero();
      assertThat(pool.getIdleTimeout()).isZero();
    }
  }

  @Test
  void propertiesAcceptEverySpellingAndSkipCoreKeys() {
    Properties p = new Properties();
    p.setProperty("lakebase.pool.type", "Vibur");
    p.setProperty("pool.name", "orders");
    p.setProperty("pool.maximum-pool-size", "4");
    p.setProperty("pool.minimumIdle", "1");
    p.setProperty("lakebase.pool.max_lifetime", "30m");
    p.setProperty("pool.token-lifetime", "PT1H");
    p.setProperty("pool.connection-timeout", "45s");
    p.setProperty("pool.idle-timeout", "0");
    p.setProperty("pool.keepalive-time", "2m");
    p.setProperty("pool.validation-timeout", "3s");
    p.setProperty("pool.read-only-routing", "TRUE");
    p.setProperty("pool.read-only-maximum-pool-size", "2");
    p.setProperty("hikari.leakDetectionThreshold", "5000");
    p.setProperty("lakebase.vibur.statementCacheMaxSize", "0");
    p.setProperty("lakebase.endpoint", "projects/p/branches/b/endpoints/e");
    p.setProperty("prepareThreshold", "0");

    LakebasePoolConfig c = LakebasePoolConfig.fromProperties(p);

    assertThat(c.type()).isEqualTo(PoolType.VIBUR);
    assertThat(c.poolName()).isEqualTo("orders");
    assertThat(c.maximumPoolSize()).isEqualTo(4);
    assertThat(c.minimumIdle()).isEqualTo(1);
    assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(c.tokenLifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(c.connectionTimeout()).contains(Duration.ofSeconds(45));
    assertThat(c.idleTimeout()).isZero();
    assertThat(c.keepaliveTime()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.validationTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.readOnlyRouting()).isTrue();
    assertThat(c.readOnlyMaximumPoolSize()).contains(2);
    assertThat(c.nativeProperties()).containsOnly(
        org.assertj.core.api.Assertions.entry("hikari.leakDetectionThreshold", "5000"),
        org.assertj.core.api.Assertions.entry("vibur.statementCacheMaxSize", "0"));
    assertThat(LakebasePoolConfig.isPoolKey("lakebase.endpoint")).isFalse();
    assertThat(c.toBuilder().build()).usingRecursiveComparison().isEqualTo(c);
  }

  @Test
  void nativeSettingsReachThePoolAndTheOtherPoolsKeysAreIgnored() {
    LakebasePoolConfig c = LakebasePoolConfig.builder()
        .nativeProperty("hikari.leakDetectionThreshold", "5000")
        .nativeProperty("hikari.register-mbeans", "true")
        .nativeProperty("vibur.logQueryExecutionLongerThanMs", "250")
        .nativeProperty("vibur.poolFair", "false")
        .build();
    try (LakebaseHikariDataSource hikari = LakebasePools.hikari(OFFLINE, c);
         LakebaseViburDataSource vibur = LakebasePools.vibur(OFFLINE, c)) {
      assertThat(hikari.getLeakDetectionThreshold()).isEqualTo(5000);
      assertThat(hikari.isRegisterMbeans()).isTrue();
      assertThat(vibur.getLogQueryExecutionLongerThanMs()).isEqualTo(250);
      assertThat(vibur.isPoolFair()).isFalse();
    }
  }

  @Test
  void aLifetimeAboveTheTokenLifeMinusTheMarginIsRejected() {
    assertRejected(() -> LakebasePoolConfig.builder().maxLifetime(Duration.ofMinutes(55)).build(),
        "pool.max-lifetime", "above the limit of 54m", "at most 54m");
    assertRejected(() -> LakebasePoolConfig.builder().tokenLifetime(Duration.ofSeconds(20))
        .maxLifetime(Duration.ofSeconds(19)).build(), "pool.max-lifetime", "18s");
    assertRejected(() -> LakebasePoolConfig.builder().maxLifetime(Duration.ZERO).build(),
        "pool.max-lifetime", "longer than zero");
    Properties p = new Properties();
    p.setProperty("pool.max-lifetime", "2h");
    assertRejected(() -> LakebasePoolConfig.fromProperties(p), "pool.max-lifetime", "54m");
  }

  @Test
  void aNativeOrLaterLifetimeIsHeldToTheSameLimit() {
    LakebasePoolConfig c = LakebasePoolConfig.builder()
        .nativeProperty("hikari.maxLifetime", "7200000").build();
    assertRejected(() -> LakebasePools.hikari(OFFLINE, c), "hikari.maxLifetime", "54m");
    try (LakebaseHikariDataSource pool =
        LakebasePools.hikari(OFFLINE, LakebasePoolConfig.builder().build())) {
      assertRejected(() -> pool.setMaxLifetime(0), "maxLifetime", "longer than zero");
      assertRejected(() -> pool.setMaxLifetime(3_600_000), "maxLifetime", "54m");
      pool.setMaxLifetime(600_000);
      assertThat(pool.maxLifetime()).isEqualTo(Duration.ofMinutes(10));
    }
  }

  @Test
  void settingsHikariWouldSilentlyReplaceAreRejected() {
    LakebasePoolConfig shortLifetime = LakebasePoolConfig.builder().tokenLifetime(
        Duration.ofSeconds(20)).maxLifetime(Duration.ofSeconds(12)).build();
    assertRejected(() -> LakebasePools.hikari(OFFLINE, shortLifetime), "pool.max-lifetime",
        "under HikariCP's minimum of 30s");
    assertThat(LakebasePools.vibur(OFFLINE, shortLifetime)).satisfies(vibur -> {
      assertThat(vibur.maxLifetime()).isEqualTo(Duration.ofSeconds(12));
      vibur.close();
    });
    assertRejected(() -> LakebasePools.hikari(OFFLINE, LakebasePoolConfig.builder()
        .keepaliveTime(Duration.ofSeconds(10)).build()), "pool.keepalive-time", "30s");
    assertRejected(() -> LakebasePools.hikari(OFFLINE, LakebasePoolConfig.builder()
        .idleTimeout(Duration.ofSeconds(5)).build()), "pool.idle-timeout", "10s");
    assertRejected(() -> LakebasePools.hikari(OFFLINE, LakebasePoolConfig.builder()
        .connectionTimeout(Duration.ofMillis(100)).build()), "pool.connection-timeout", "250ms");
  }

  @Test
  void badSizesAreRejectedNamingTheSetting() {
    assertRejected(() -> LakebasePoolConfig.builder().maximumPoolSize(0).build(),
        "pool.maximum-pool-size", "at least 1");
    assertRejected(() -> LakebasePoolConfig.builder().maximumPoolSize(-3).build(),
        "pool.maximum-pool-size", "at least 1");
    assertRejected(() -> LakebasePoolConfig.builder().minimumIdle(-1).build(),
        "pool.minimum-idle", "negative");
    assertRejected(() -> LakebasePoolConfig.builder().maximumPoolSize(4).minimumIdle(5).build(),
        "pool.minimum-idle", "above pool.maximum-pool-size (4)");
    assertRejected(() -> LakebasePoolConfig.builder().readOnlyMaximumPoolSize(0).build(),
        "pool.read-only-maximum-pool-size", "at least 1");
    Properties p = new Properties();
    p.setProperty("pool.maximum-pool-size", "ten");
    assertRejected(() -> LakebasePoolConfig.fromProperties(p), "pool.maximum-pool-size",
        "not a whole number");
  }

  @Test
  void badDurationsAreRejectedNamingTheSetting() {
    assertRejected(() -> LakebasePoolConfig.builder().property("pool.idle-timeout", "soon")
        .build(), "pool.idle-timeout", "not a duration");
    assertRejected(() -> LakebasePoolConfig.builder().validationTimeout(Duration.ZERO).build(),
        "pool.validation-timeout", "longer than zero");
    assertRejected(() -> LakebasePoolConfig.builder().keepaliveTime(Duration.ofSeconds(-1))
        .build(), "pool.keepalive-time", "negative");
    assertRejected(() -> LakebasePoolConfig.builder().property("pool.read-only-routing", "yes")
        .build(), "pool.read-only-routing", "not true or false");
  }

  @Test
  void anUnknownPoolTypeIsRejectedListingTheValidOnes() {
    assertRejected(() -> PoolType.parse("c3p0"), "pool.type", "hikari", "vibur");
    Properties p = new Properties();
    p.setProperty("pool.type", "dbcp2");
    assertRejected(() -> LakebasePoolConfig.fromProperties(p), "pool.type", "'dbcp2'");
    assertThat(PoolType.parse(" HikariCP ")).isEqualTo(PoolType.HIKARI);
    assertThat(PoolType.parse("vibur-dbcp")).isEqualTo(PoolType.VIBUR);
  }

  @Test
  void unknownKeysAreRejectedNamingThem() {
    Properties p = new Properties();
    p.setProperty("pool.maximum-size", "4");
    assertRejected(() -> LakebasePoolConfig.fromProperties(p), "pool.maximum-size",
        "not a pool setting", "pool.maximum-pool-size");
    assertRejected(() -> LakebasePoolConfig.builder().nativeProperty("hikari.maximumPoolSise",
        "4").build(), "hikari.maximumPoolSise", "not a HikariCP setting");
    assertRejected(() -> LakebasePoolConfig.builder().nativeProperty("vibur.poolMaxSise", "4")
        .build(), "vibur.poolMaxSise", "not a Vibur DBCP setting");
    assertRejected(() -> LakebasePoolConfig.builder().nativeProperty("c3p0.maxSize", "4"),
        "c3p0.maxSize", "hikari. or vibur.");
  }

  @Test
  void nativeSettingsThatTheCoreOwnsOrThatNeedObjectsAreRejected() {
    for (String key : new String[] {"hikari.jdbcUrl", "hikari.password", "hikari.username",
        "hikari.dataSourceClassName", "vibur.password", "vibur.externalDataSource"}) {
      assertRejected(() -> LakebasePoolConfig.builder().nativeProperty(key, "x").build(), key,
          "fresh token");
    }
    assertRejected(() -> LakebasePoolConfig.builder().nativeProperty("vibur.name", "x").build(),
        "vibur.name", "use pool.name");
    assertRejected(() -> LakebasePoolConfig.builder().nativeProperty("hikari.metricRegistry", "x")
        .build(), "hikari.metricRegistry", "cannot be set from text");
  }

  @Test
  void nativeValuesOfTheWrongTypeAreRejectedNamingTheKey() {
    LakebasePoolConfig c = LakebasePoolConfig.builder()
        .nativeProperty("hikari.leakDetectionThreshold", "5 seconds")
        .nativeProperty("vibur.poolFair", "maybe").build();
    assertRejected(() -> LakebasePools.hikari(OFFLINE, c), "hikari.leakDetectionThreshold",
        "not a number");
    assertRejected(() -> LakebasePools.vibur(OFFLINE, c), "vibur.poolFair", "not true or false");
  }

  @Test
  void toStringShowsSettingsButNoSecrets() {
    LakebasePoolConfig c = LakebasePoolConfig.builder()
        .nativeProperty("hikari.connectionTestQuery", "select 1")
        .build();
    assertThat(c.toString()).contains("type=hikari", "maxLifetime=45m",
        "connectionTimeout=connectBudget+2s", "hikari.connectionTestQuery=select 1");
    try (LakebasePooledDataSource pool = LakebasePools.create(OFFLINE, c)) {
      assertThat(pool.toString()).contains("lakebase").doesNotContain("secret-password");
    }
  }

  private static void assertRejected(Runnable action, String key, String... fragments) {
    assertThatThrownBy(action::run)
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining(key)
        .hasMessageContainingAll(fragments)
        .satisfies(e -> assertThat(((LakebaseConfigException) e).key()).isEqualTo(key));
  }
}
