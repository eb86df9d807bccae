package dev.lakebase.jdbc;

import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.integration.Secrets;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * How the library builds its Databricks workspace client when the configuration supplies none:
 * <a href="https://docs.databricks.com/dev-tools/auth/unified-auth">Databricks unified auth</a>
 * ({@code DATABRICKS_*} environment variables, {@code ~/.databrickscfg} profiles, the Databricks
 * CLI's login, a Databricks App's service principal) with these settings on top. All empty means
 * plain unified auth.
 *
 * <p>The settings exist so that tools which only take a JDBC URL and properties (DBeaver, Flyway,
 * Spark executors) can name a profile or a service principal without environment variables.
 * {@link #toString()} never shows the token or the client secret.
 *
 * @param host workspace URL ({@code databricksHost})
 * @param profile config-file profile ({@code databricksProfile})
 * @param token personal access token ({@code databricksToken}, secret)
 * @param clientId OAuth M2M client id, the service principal's application id ({@code
 *     databricksClientId})
 * @param clientSecret OAuth M2M client secret ({@code databricksClientSecret}, secret)
 * @param authType forces one unified-auth method, e.g. {@code pat}, {@code oauth-m2m}, {@code
 *     databricks-cli} ({@code databricksAuthType})
 */
public record WorkspaceAuth(
    Optional<String> host,
    Optional<String> profile,
    Optional<String> token,
    Optional<String> clientId,
    Optional<String> clientSecret,
    Optional<String> authType) {

  /** Plain unified auth, no overrides. */
  public static final WorkspaceAuth DEFAULT = new WorkspaceAuth(Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

  /**
   * The SDK configuration these settings describe; unified auth resolves the rest when the client
   * is built.
   *
   * @return a new {@link DatabricksConfig}
   */
  public DatabricksConfig toDatabricksConfig() {
    DatabricksConfig config = new DatabricksConfig();
    host.ifPresent(config::setHost);
    profile.ifPresent(config::setProfile);
    token.ifPresent(config::setToken);
    clientId.ifPresent(config::setClientId);
    clientSecret.ifPresent(config::setClientSecret);
    authType.ifPresent(config::setAuthType);
    return config;
  }

  @Override
  public String toString() {
    StringJoiner j = new StringJoiner(", ", "WorkspaceAuth[", "]");
    host.ifPresent(h -> j.add("host=" + h));
    profile.ifPresent(p -> j.add("profile=" + p));
    token.ifPresent(t -> j.add("token=" + Secrets.REDACTED));
    clientId.ifPresent(c -> j.add("clientId=" + c));
    clientSecret.ifPresent(s -> j.add("clientSecret=" + Secrets.REDACTED));
    authType.ifPresent(a -> j.add("authType=" + a));
    return j.toString();
  }
}
