package dev.lakebase.r2dbc.internal;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.TargetUrls;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.HostResolver;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps {@code r2dbc:lakebase:} URLs and R2DBC {@link ConnectionFactoryOptions} to the core's
 * settings, with the target grammar of {@code jdbc:lakebase:} URLs.
 *
 * <p>R2DBC's own URL parser ({@code ConnectionFactories.get(String)}) only takes URLs with
 * {@code ://}, so through the SPI the path forms are written {@code
 * r2dbc:lakebase:projects://p/branches/b/endpoints/e} and {@code r2dbc:lakebase:instances://name}:
 * the parser then hands over the protocol ({@code projects}), the host (the project) and the
 * "database" (the rest of the path), from which the path is put back together.
 */
public final class R2dbcUrls {

  /** The URL prefix. */
  public static final String PREFIX = "r2dbc:lakebase:";
  /** The driver name in R2DBC URLs and options. */
  public static final String DRIVER = "lakebase";

  private static final Pattern SPI_PATH_FORM =
      Pattern.compile("(?i)^r2dbc:lakebase:(projects|instances)://");

  private R2dbcUrls() {}

  /**
   * A configuration builder from the environment and a URL (URL settings win), as the JDBC
   * driver does.
   *
   * @param url an {@code r2dbc:lakebase:} URL, either form
   * @return the builder
   * @throws LakebaseConfigException if the URL does not follow the grammar
   */
  public static LakebaseConfig.Builder configBuilder(String url) {
    return LakebaseConfig.builder(System.getenv()).properties(parse(url));
  }

  /**
   * Parses either URL form into settings.
   *
   * @param url the URL
   * @return the settings
   */
  public static Map<String, String> parse(String url) {
    String normalized = url;
    if (url != null && SPI_PATH_FORM.matcher(url).find()) {
      int sep = url.indexOf("://");
      normalized = url.substring(0, sep) + "/" + url.substring(sep + 3);
    } else if (url != null && url.regionMatches(true, 0, PREFIX + "///", 0, PREFIX.length() + 3)) {
      normalized = PREFIX + url.substring(PREFIX.length() + 3);
    }
    return TargetUrls.parse(PREFIX, normalized);
  }

  /**
   * A configuration builder from the environment and R2DBC options (options win).
   *
   * @param options the options; {@code DRIVER} must be {@code lakebase}
   * @return the builder
   * @throws LakebaseConfigException naming the option to fix
   */
  public static LakebaseConfig.Builder configBuilder(ConnectionFactoryOptions options) {
    LakebaseConfig.Builder config = LakebaseConfig.builder(System.getenv());
    Object protocol = options.getValue(ConnectionFactoryOptions.PROTOCOL);
    Object host = options.getValue(ConnectionFactoryOptions.HOST);
    Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
    if (protocol != null && !protocol.toString().isBlank()) {
      String kind = protocol.toString();
      if (!kind.equals("projects") && !kind.equals("instances")) {
        throw new LakebaseConfigException("url", "r2dbc:lakebase:" + kind + ":// is not a"
            + " Lakebase URL: use r2dbc:lakebase:projects://{p}/branches/{b}[/endpoints/{e}],"
            + " r2dbc:lakebase:instances://{name} or r2dbc:lakebase://{host}[:{port}][/{database}]");
      }
      String path = kind + "/" + (host == null ? "" : host)
          + (database == null ? "" : "/" + database);
      config.properties(TargetUrls.parse(PREFIX, PREFIX + path));
    } else {
      if (host != null) {
        config.host(host.toString());
      }
      if (database != null) {
        config.database(database.toString());
      }
    }
    Object port = options.getValue(ConnectionFactoryOptions.PORT);
    if (port != null) {
      config.property("port", port.toString());
    }
    Object user = options.getValue(ConnectionFactoryOptions.USER);
    if (user != null) {
      config.user(user.toString());
    }
    Object password = options.getValue(ConnectionFactoryOptions.PASSWORD);
    if (password != null) {
      config.password(password.toString());
    }
    applyRest(config, options);
    return config;
  }

  /** Options mapped above, or that mean nothing here (Lakebase always uses TLS). */
  private static final java.util.Set<Option<?>> MAPPED = java.util.Set.of(
      ConnectionFactoryOptions.DRIVER, ConnectionFactoryOptions.PROTOCOL,
      ConnectionFactoryOptions.HOST, ConnectionFactoryOptions.PORT,
      ConnectionFactoryOptions.DATABASE, ConnectionFactoryOptions.USER,
      ConnectionFactoryOptions.PASSWORD, ConnectionFactoryOptions.SSL);

  private static void applyRest(LakebaseConfig.Builder config, ConnectionFactoryOptions options) {
    // ConnectionFactoryOptions has no iteration API; its builder's filtered copy visits them all.
    java.util.List<Option<?>> rest = new java.util.ArrayList<>();
    ConnectionFactoryOptions.builder().from(options, option -> {
      if (!MAPPED.contains(option)) {
        rest.add(option);
      }
      return false;
    });
    for (Option<?> option : rest) {
      String name = option.name();
      Object value = options.getValue(option);
      if (value == null) {
        continue;
      }
      if (value instanceof WorkspaceClient w) {
        config.workspaceClient(w);
      } else if (value instanceof HostResolver r) {
        config.hostResolver(r);
      } else if (value instanceof CredentialProvider p) {
        config.credentialProvider(p);
      } else if (value instanceof Duration d) {
        config.property(name, d.toString());
      } else if (value instanceof CharSequence || value instanceof Number
          || value instanceof Boolean || value instanceof Enum<?>) {
        config.property(name, value.toString());
      } else {
        throw new LakebaseConfigException(name, "option " + name + " has a value of type "
            + value.getClass().getName() + ", which lakebase-r2dbc cannot pass on: use a string,"
            + " or LakebaseConnectionFactory.builder(config).customizer(...) for driver objects");
      }
    }
  }
}
