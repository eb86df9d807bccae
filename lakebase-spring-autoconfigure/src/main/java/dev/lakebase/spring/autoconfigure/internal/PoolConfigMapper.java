package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.PoolType;
import dev.lakebase.spring.autoconfigure.LakebaseProperties;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Starts a {@link LakebasePoolConfig.Builder} from {@code lakebase.pool.*}, {@code lakebase.read-only.*}
 * and the native settings: {@code spring.datasource.hikari.*} (Spring Boot's usual HikariCP
 * tuning) and {@code lakebase.pool.vibur.*}. Native settings go through the pool module, which
 * applies them after its defaults and then validates the result (so a native max-lifetime above
 * the token lifetime is still refused).
 */
public final class PoolConfigMapper {

  private static final String HIKARI_PREFIX = "spring.datasource.hikari";
  private static final String POOL_NAME = "poolname";

  private PoolConfigMapper() {}

  /**
   * The pool configuration's builder, without the bean-supplied listeners.
   *
   * @param properties the {@code lakebase.*} settings
   * @param environment for {@code spring.datasource.hikari.*}
   * @return the builder
   */
  public static LakebasePoolConfig.Builder builder(LakebaseProperties properties,
      Environment environment) {
    LakebaseProperties.Pool pool = properties.pool();
    LakebasePoolConfig.Builder builder = LakebasePoolConfig.builder();
    PropertyMapper map = PropertyMapper.get();
    map.from(pool.type()).to(builder::type);
    map.from(pool.name()).to(builder::poolName);
    map.from(pool.maximumPoolSize()).to(builder::maximumPoolSize);
    map.from(pool.minimumIdle()).to(builder::minimumIdle);
    map.from(pool.maxLifetime()).to(builder::maxLifetime);
    map.from(pool.tokenLifetime()).to(builder::tokenLifetime);
    map.from(pool.connectionTimeout()).to(builder::connectionTimeout);
    map.from(pool.idleTimeout()).to(builder::idleTimeout);
    map.from(pool.keepaliveTime()).to(builder::keepaliveTime);
    map.from(pool.validationTimeout()).to(builder::validationTimeout);
    map.from(properties.readOnly().enabled()).to(builder::readOnlyRouting);
    map.from(properties.readOnly().maximumPoolSize()).to(builder::readOnlyMaximumPoolSize);
    if (pool.type() == PoolType.HIKARI) {
      Binder.get(environment).bind(HIKARI_PREFIX, Bindable.mapOf(String.class, String.class))
          .orElse(Map.of())
          .forEach((key, value) -> {
            if (POOL_NAME.equals(key.replace("-", "").toLowerCase(Locale.ROOT))) {
              // The pool module owns the name (it also names the read-only twin), but Spring
              // users set it here: honour it as the pool name.
              builder.poolName(value);
            } else {
              builder.nativeProperty("hikari." + key, value);
            }
          });
    } else {
      pool.vibur().forEach((key, value) -> builder.nativeProperty("vibur." + key, value));
    }
    return builder;
  }
}
