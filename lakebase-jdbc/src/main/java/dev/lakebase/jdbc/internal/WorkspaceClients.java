package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.iam.MeRequest;
import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.WorkspaceAuth;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Workspace clients built by the library (shared per host and profile: building one resolves
 * Databricks unified auth, which may read files or call the workspace), and the identity each
 * client authenticates as (looked up once per client).
 */
final class WorkspaceClients {

  private static final Map<WorkspaceAuth, WorkspaceClient> SHARED = new ConcurrentHashMap<>();
  private static final Map<WorkspaceClient, String> IDENTITIES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private WorkspaceClients() {}

  /**
   * A client configured by Databricks unified auth (environment, config file, cloud identity),
   * with the configuration's overrides. Shared per distinct settings.
   *
   * @param auth the overrides
   * @return the client
   * @throws CredentialException (permanent) when unified auth finds no usable configuration
   */
  static WorkspaceClient shared(WorkspaceAuth auth) throws CredentialException {
    WorkspaceClient existing = SHARED.get(auth);
    if (existing != null) {
      return existing;
    }
    synchronized (SHARED) {
      existing = SHARED.get(auth);
      if (existing != null) {
        return existing;
      }
      try {
        WorkspaceClient client = new WorkspaceClient(
            WorkspaceCallLog.install(auth.toDatabricksConfig()));
        SHARED.put(auth, client);
        return client;
      } catch (RuntimeException e) {
        throw new CredentialException(
            "Could not set up the Databricks workspace client with Databricks unified auth ("
                + Secrets.redact(e.getMessage(), auth.token().orElse(null),
                    auth.clientSecret().orElse(null))
                + "): set databricksHost with databricksProfile, databricksToken or"
                + " databricksClientId + databricksClientSecret, the DATABRICKS_* environment"
                + " variables, or supply a WorkspaceClient", false, Secrets.sanitize(e));
      }
    }
  }

  /**
   * The identity the client authenticates as: a user's e-mail or a service principal's
   * application id ({@code currentUser().me()}), looked up once per client.
   *
   * @param w the client
   * @return the user name
   * @throws CredentialException when the lookup fails
   */
  static String identity(WorkspaceClient w) throws CredentialException {
    String known = IDENTITIES.get(w);
    if (known != null) {
      return known;
    }
    String userName;
    try {
      userName = w.currentUser().me(new MeRequest()).getUserName();
    } catch (RuntimeException e) {
      throw WorkspaceErrors.translate(e, "looking up the workspace identity",
          "the current user", ConfigKey.USER.key());
    }
    if (userName == null || userName.isBlank()) {
      throw new CredentialException(
          "The workspace API returned no user name for the current identity: set user", false,
          null);
    }
    IDENTITIES.put(w, userName);
    return userName;
  }

  /**
   * The workspace URL of the client the library builds for these settings: of the client once
   * built, else the configured host (the client may still be resolving its configuration).
   *
   * @param auth the settings
   * @return the URL as {@link #hostOf} gives it, or {@code null} when not known yet
   */
  static String builtHost(WorkspaceAuth auth) {
    WorkspaceClient w = SHARED.get(auth);
    if (w != null) {
      return hostOf(w);
    }
    return auth.host().map(h -> h.endsWith("/") ? h.substring(0, h.length() - 1) : h)
        .orElse(null);
  }

  /** Forgets every client built by the library and every identity looked up. */
  static void clear() {
    synchronized (SHARED) {
      SHARED.clear();
    }
    IDENTITIES.clear();
  }

  /**
   * The workspace URL of a client, for cache keys.
   *
   * @param w the client
   * @return the host without a trailing slash, or {@code "default"} when unknown
   */
  static String hostOf(WorkspaceClient w) {
    String host = w.config() == null ? null : w.config().getHost();
    if (host == null || host.isBlank()) {
      return "default";
    }
    return host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
  }
}
