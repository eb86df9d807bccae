package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.spring.autoconfigure.LakebaseProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.core.env.Environment;

/**
 * Starts a {@link LakebaseConfig.Builder} from the Databricks Apps environment variables and
 * applies the {@code lakebase.*} properties over them (explicit properties win).
 */
public final class CoreConfigMapper {

  private CoreConfigMapper() {}

  /**
   * The core configuration's builder, without the bean-supplied parts (workspace client, host
   * resolver, credential provider, listeners).
   *
   * @param properties the {@code lakebase.*} settings
   * @param environment for the environment variables the core reads
   * @return the builder
   */
  public static LakebaseConfig.Builder builder(LakebaseProperties properties,
      Environment environment) {
    LakebaseConfig.Builder config =
        LakebaseConfig.builder(DatabricksAppsEnvironment.variables(environment));
    PropertyMapper map = PropertyMapper.get();
    map.from(properties.endpoint()).to(config::endpoint);
    map.from(properties.project()).to(config::project);
    map.from(properties.branch()).to(config::branch);
    map.from(properties.instance()).to(config::instance);
    map.from(properties.host()).to(config::host);
    map.from(properties.port()).to(config::port);
    map.from(properties.database()).to(config::database);
    map.from(properties.user()).to(config::user);
    map.from(properties.password()).to(config::password);
    map.from(properties.sslmode()).to(config::sslMode);
    map.from(properties.sslRootCert()).to(config::sslRootCert);
    map.from(properties.applicationName()).to(config::applicationName);
    map.from(properties.connectTimeout()).to(config::connectTimeout);
    map.from(properties.connectBudget()).to(config::connectBudget);
    map.from(properties.refreshAhead()).to(config::refreshAhead);
    map.from(properties.minTokenValidity()).to(config::minTokenValidity);
    map.from(properties.refreshStrategy()).to(config::refreshStrategy);
    map.from(properties.tokenTtl()).to(config::tokenTtl);
    map.from(properties.tokenPermissionSet())
        .to(v -> config.property(ConfigKey.TOKEN_PERMISSION_SET.key(), v));
    if (!properties.tokenTables().isEmpty()) {
      config.property(ConfigKey.TOKEN_TABLES.key(), String.join(",", properties.tokenTables()));
    }
    map.from(properties.initialBackoff()).to(config::initialBackoff);
    map.from(properties.maxBackoff()).to(config::maxBackoff);
    map.from(properties.databricks().host()).to(config::databricksHost);
    map.from(properties.databricks().profile()).to(config::databricksProfile);
    map.from(properties.databricks().token()).to(config::databricksToken);
    map.from(properties.databricks().authType()).to(config::databricksAuthType);
    if (properties.databricks().clientId() != null
        || properties.databricks().clientSecret() != null) {
      config.databricksOAuth(properties.databricks().clientId(),
          properties.databricks().clientSecret());
    }
    properties.driverProperties().forEach((name, value) -> {
      // The core's builder reads a Lakebase setting's name as that setting (URL grammar); here
      // the map is documented as passed unchanged to pgjdbc, so a name that is also a Lakebase
      // setting (connectTimeout is seconds to pgjdbc, a duration to Lakebase) is a mistake.
      ConfigKey.lookup(name).ifPresent(key -> {
        throw new LakebaseConfigException(key.key(), "lakebase.driver-properties." + name
            + " is a Lakebase setting, not a driver property: set "
            + PropertyNames.springProperty(key.key()) + " instead");
      });
      config.property(name, value);
    });
    return config;
  }

  /**
   * Applies a {@link LakebaseConnectionDetails} bean over the properties: its target replaces
   * every target property (an endpoint and a leftover {@code lakebase.host} would otherwise
   * conflict), and its port, workspace and resolver win where it has them.
   *
   * @param details the bean
   * @param config the builder from {@link #builder}
   */
  public static void apply(LakebaseConnectionDetails details, LakebaseConfig.Builder config) {
    config.endpoint(details.endpoint()).instance(details.instance())
        .project(null).branch(null).host(null);
    if (details.port() != null) {
      config.port(details.port());
    }
    if (details.workspaceHost() != null) {
      config.databricksHost(details.workspaceHost());
    }
    if (details.hostResolver() != null) {
      config.hostResolver(details.hostResolver());
    }
  }
}
