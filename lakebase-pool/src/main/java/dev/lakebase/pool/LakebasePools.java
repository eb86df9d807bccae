package dev.lakebase.pool;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.pool.internal.NativeSettings;
import dev.lakebase.pool.internal.PoolEvents;
import dev.lakebase.pool.internal.PoolSetting;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a Lakebase configuration into a ready pool. Creating a pool opens no connection and does
 * no network work (pools start on the first {@code getConnection()}), so an application boots
 * while its endpoint is suspended or unreachable.
 *
 * <pre>{@code
 * LakebaseConfig core = LakebaseConfig.builder()
 *     .endpoint("projects/my-project/branches/main/endpoints/primary").build();
 * try (LakebasePooledDataSource pool = LakebasePools.create(core, LakebasePoolConfig.builder().build())) {
 *   ...
 * }
 * }</pre>
 */
public final class LakebasePools {

  private static final Logger log = LoggerFactory.getLogger(LakebasePools.class);

  private LakebasePools() {}

  /**
   * Creates the pool of {@link LakebasePoolConfig#type()}.
   *
   * @param core the core configuration (target, identity, connect budget, ...)
   * @param pool the pool settings
   * @return the pool, not yet connected
   * @throws LakebaseConfigException naming the setting when a (native) pool setting is invalid
   */
  public static LakebasePooledDataSource create(LakebaseConfig core, LakebasePoolConfig pool) {
    return switch (pool.type()) {
      case HIKARI -> hikari(core, pool);
      case VIBUR -> vibur(core, pool);
    };
  }

  /**
   * Creates a HikariCP pool in DataSource mode over a {@code LakebaseDataSource}.
   *
   * @param core the core configuration
   * @param pool the pool settings (its {@code type} is ignored)
   * @return the pool, not yet connected; native HikariCP setters may still be called before its
   *     first {@code getConnection()}
   * @throws LakebaseConfigException naming the setting when a (native) pool setting is invalid
   */
  public static LakebaseHikariDataSource hikari(LakebaseConfig core, LakebasePoolConfig pool) {
    NativeSettings.library(PoolType.HIKARI, PoolSetting.TYPE.key());
    return build(core, pool, LakebaseHikariDataSource::new);
  }

  /**
   * Creates a Vibur DBCP pool over a {@code LakebaseDataSource}, with the maximum lifetime
   * enforced by this module.
   *
   * @param core the core configuration
   * @param pool the pool settings (its {@code type} is ignored)
   * @return the pool, not yet connected; native Vibur setters may still be called before its
   *     first {@code getConnection()}
   * @throws LakebaseConfigException naming the setting when a (native) pool setting is invalid
   */
  public static LakebaseViburDataSource vibur(LakebaseConfig core, LakebasePoolConfig pool) {
    // Checked before anything touches a Vibur class: HikariCP-only users may exclude Vibur.
    NativeSettings.library(PoolType.VIBUR, PoolSetting.TYPE.key());
    return build(core, pool, LakebaseViburDataSource::new);
  }

  /**
   * Creates a pool from one set of properties: core keys (with or without the {@code lakebase.}
   * prefix; unknown ones go to pgjdbc), pool keys {@code pool.*} and native keys {@code
   * hikari.*} / {@code vibur.*}.
   *
   * @param properties the properties
   * @return the pool, not yet connected
   * @throws LakebaseConfigException naming the setting to fix
   */
  public static LakebasePooledDataSource fromProperties(Properties properties) {
    Properties coreProperties = new Properties();
    for (String name : properties.stringPropertyNames()) {
      if (!LakebasePoolConfig.isPoolKey(name)) {
        coreProperties.setProperty(name, properties.getProperty(name));
      }
    }
    LakebasePoolConfig pool = LakebasePoolConfig.fromProperties(properties);
    return create(LakebaseConfig.fromProperties(coreProperties), pool);
  }

  /**
   * Creates the read-only pool when {@link LakebasePoolConfig#readOnlyRouting()} is set: a pool of
   * the same type over a copy of the core configuration with {@code readOnly=true} (the target's
   * read-only host, discovered even when the primary has an explicit host; same credentials),
   * named {@code <poolName>-ro} and sized {@link
   * LakebasePoolConfig#readOnlyMaximumPoolSize()}. Send queries that may read slightly stale data
   * to it; its sessions reject writes (SQLSTATE 25006).
   *
   * @param core the core configuration of the primary pool
   * @param pool the pool settings of the primary pool
   * @return the read-only pool, or empty when read-only routing is off
   * @throws LakebaseConfigException naming the setting when a pool setting is invalid, or naming
   *     {@code pool.read-only-routing} when the core has an explicit host but no Lakebase target
   */
  public static Optional<LakebasePooledDataSource> createReadOnly(LakebaseConfig core,
      LakebasePoolConfig pool) {
    if (!pool.readOnlyRouting()) {
      return Optional.empty();
    }
    int size = pool.readOnlyMaximumPoolSize().orElse(pool.maximumPoolSize());
    LakebasePoolConfig readOnly = pool.toBuilder()
        .poolName(pool.poolName() + "-ro")
        .maximumPoolSize(size)
        .minimumIdle(Math.min(pool.minimumIdle(), size))
        .readOnlyRouting(false)
        .build();
    return Optional.of(create(readOnlyCore(core), readOnly));
  }

  /**
   * The core configuration of the read-only pool: the same target with {@code readOnly=true}, so
   * the core discovers the read-only host (an explicit host is the read-write one). Checked here
   * too so the error names the pool setting the user turned on.
   */
  private static LakebaseConfig readOnlyCore(LakebaseConfig core) {
    if (core.target() instanceof LakebaseTarget.Host) {
      throw new LakebaseConfigException(PoolSetting.READ_ONLY_ROUTING.key(),
          PoolSetting.READ_ONLY_ROUTING.key() + " needs a Lakebase target (endpoint,"
              + " project+branch or instance) whose read-only host can be discovered; host '"
              + core.host().orElse("") + "' alone has none: set the target or turn read-only"
              + " routing off");
    }
    return core.toBuilder().readOnly(true).build();
  }

  /**
   * Adds a listener to a pool that already exists, at most once per key: metrics bindings (the
   * Micrometer one, {@code lakebase-opentelemetry}) call it when they bind, so binding a pool twice
   * to the same registry counts nothing twice. The listener sees the events of every physical
   * connect from now on, and {@link PoolListener#onPoolClosed} when the pool closes.
   *
   * @param ds a pool created by this class
   * @param key identifies the listener, e.g. the registry or meter provider it records into
   * @param listener creates the listener; called only when no listener with this key was added
   * @return {@code true} when this call added the listener
   * @throws IllegalArgumentException if {@code ds} was not created by this class
   */
  public static boolean addListener(LakebasePooledDataSource ds, Object key,
      Supplier<? extends PoolListener> listener) {
    return events(ds).attachOnce(key, listener);
  }

  /**
   * The name a pool was created with ({@link LakebasePoolConfig#poolName()}), e.g. for a metric
   * attribute.
   *
   * @param ds a pool created by this class
   * @return the pool name
   * @throws IllegalArgumentException if {@code ds} was not created by this class
   */
  public static String poolName(LakebasePooledDataSource ds) {
    return events(ds).poolName();
  }

  static PoolEvents events(LakebasePooledDataSource ds) {
    if (ds instanceof LakebaseHikariDataSource hikari) {
      return hikari.events();
    }
    if (ds instanceof LakebaseViburDataSource vibur) {
      return vibur.events();
    }
    throw new IllegalArgumentException(ds.getClass().getName()
        + " was not created by LakebasePools: use LakebasePools.create(...)");
  }

  private static <T extends LakebasePooledDataSource> T build(LakebaseConfig core,
      LakebasePoolConfig pool, PoolFactory<T> factory) {
    PoolEvents events = new PoolEvents(pool.poolName(), pool.listeners());
    // The pool's dispatcher is the core's listener, so listeners can join after creation.
    LakebaseDataSource physical = new LakebaseDataSource(core.toBuilder().listener(events).build());
    T ds;
    try {
      ds = factory.create(physical, pool, events);
    } catch (RuntimeException e) {
      physical.close();
      throw e;
    }
    log.info("Created {} pool '{}' for {} (maxLifetime {}, maximumPoolSize {}); it connects on"
        + " first use", ds.poolType().name().toLowerCase(Locale.ROOT), pool.poolName(),
        core.describeTarget(), DurationText.format(ds.maxLifetime()), ds.stats().max());
    events.poolCreated(ds);
    return ds;
  }

  @FunctionalInterface
  private interface PoolFactory<T> {
    T create(LakebaseDataSource physical, LakebasePoolConfig pool, PoolEvents events);
  }
}
