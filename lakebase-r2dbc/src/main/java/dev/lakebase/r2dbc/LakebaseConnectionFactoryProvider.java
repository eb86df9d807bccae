package dev.lakebase.r2dbc;

import dev.lakebase.r2dbc.internal.R2dbcUrls;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.ConnectionFactoryProvider;

/**
 * The R2DBC driver {@code lakebase}, registered through {@code
 * META-INF/services/io.r2dbc.spi.ConnectionFactoryProvider}, so that {@code
 * ConnectionFactories.get(...)} and Spring Boot's {@code spring.r2dbc.url} accept Lakebase URLs.
 * R2DBC's URL parser requires {@code ://}, so the target forms read:
 *
 * <pre>
 * r2dbc:lakebase:projects://{p}/branches/{b}/endpoints/{e}[?k=v&amp;...]   Autoscaling endpoint
 * r2dbc:lakebase:projects://{p}/branches/{b}[?k=v&amp;...]                 the branch's READ_WRITE endpoint
 * r2dbc:lakebase:instances://{name}[?k=v&amp;...]                          Provisioned instance
 * r2dbc:lakebase://{host}[:{port}][/{database}][?k=v&amp;...]              explicit host
 * r2dbc:lakebase:///[?k=v&amp;...]                                          parameters and environment only
 * </pre>
 *
 * <p>Keys are the core's configuration keys ({@code dev.lakebase.jdbc.ConfigKey}); unknown keys go
 * to r2dbc-postgresql. R2DBC reserves {@code user}, {@code password}, {@code database}, {@code
 * host} and {@code port} in the query: write them with the {@code lakebase.} prefix there ({@code
 * ?lakebase.database=orders}), or as the URL's user info. The factory it creates does not pool:
 * use {@code r2dbc:pool:lakebase:...} (r2dbc-pool's defaults) or {@link LakebaseConnectionPools}
 * (Lakebase's).
 */
public final class LakebaseConnectionFactoryProvider implements ConnectionFactoryProvider {

  /** Creates the provider; R2DBC's service loader does. */
  public LakebaseConnectionFactoryProvider() {}

  @Override
  public LakebaseConnectionFactory create(ConnectionFactoryOptions options) {
    return LakebaseConnectionFactory.create(R2dbcUrls.configBuilder(options).build());
  }

  @Override
  public boolean supports(ConnectionFactoryOptions options) {
    return R2dbcUrls.DRIVER.equals(options.getValue(ConnectionFactoryOptions.DRIVER));
  }

  @Override
  public String getDriver() {
    return R2dbcUrls.DRIVER;
  }
}
