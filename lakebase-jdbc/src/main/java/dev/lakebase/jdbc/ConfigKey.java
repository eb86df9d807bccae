package dev.lakebase.jdbc;

import dev.lakebase.jdbc.integration.Secrets;
import java.util.Locale;
import java.util.Optional;

/**
 * Every configuration key of the core, with its environment variable, default and description:
 * the one key set shared by {@link LakebaseConfig.Builder#property(String, String)}, {@code
 * Properties}, {@code jdbc:lakebase:} URL parameters, the pgjdbc authentication plugin ({@code
 * lakebase.} prefix) and (kebab-cased, under {@code lakebase.}) Spring properties. Names not listed
 * here are passed to pgjdbc unchanged.
 *
 * <p>Tools and integrations use it to list the settings ({@link LakebaseDriver#getPropertyInfo}
 * does) and to name the key to fix in their own messages.
 */
public enum ConfigKey {
  /** Autoscaling endpoint path ({@code LAKEBASE_ENDPOINT}). */
  ENDPOINT("endpoint", "LAKEBASE_ENDPOINT", null,
      "Autoscaling endpoint path projects/{project}/branches/{branch}/endpoints/{endpoint}"),
  /** Autoscaling project id, with {@link #BRANCH} ({@code LAKEBASE_PROJECT}). */
  PROJECT("project", "LAKEBASE_PROJECT", null,
      "Autoscaling project id; with branch, the branch's READ_WRITE endpoint is discovered"),
  /** Autoscaling branch id, with {@link #PROJECT} ({@code LAKEBASE_BRANCH}). */
  BRANCH("branch", "LAKEBASE_BRANCH", null, "Autoscaling branch id (with project)"),
  /** Provisioned instance name ({@code LAKEBASE_INSTANCE}). */
  INSTANCE("instance", "LAKEBASE_INSTANCE", null, "Provisioned database instance name"),
  /** Explicit host; skips discovery ({@code PGHOST}). */
  HOST("host", "PGHOST", null,
      "explicit host name: skips discovery; alone it needs password (plain PostgreSQL)"),
  /** Port, 5432 by default ({@code PGPORT}). */
  PORT("port", "PGPORT", "5432", "port"),
  /** Database, {@code databricks_postgres} by default ({@code PGDATABASE}). */
  DATABASE("database", "PGDATABASE", "databricks_postgres", "database name"),
  /** Login role, the workspace identity by default ({@code PGUSER}). */
  USER("user", "PGUSER", null,
      "login role; default: the workspace identity (user e-mail or service principal id)"),
  /** Static password for plain PostgreSQL (secret). */
  PASSWORD("password", null, null, "static password for plain PostgreSQL; never logged"),
  /** TLS mode, {@code require} by default ({@code PGSSLMODE}). */
  SSLMODE("sslmode", "PGSSLMODE", "require", "disable, require, verify-ca or verify-full"),
  /** CA file for verify-ca and verify-full ({@code PGSSLROOTCERT}). */
  SSLROOTCERT("sslrootcert", "PGSSLROOTCERT", null, "CA file for verify-ca/verify-full"),
  /** Application name of the sessions ({@code PGAPPNAME}). */
  APPLICATION_NAME("applicationName", "PGAPPNAME", null, "application_name of the sessions"),
  /** Connect to the target's read-only host. */
  READ_ONLY("readOnly", null, "false", "connect to the target's read-only host"),
  /** Time of one physical attempt. */
  CONNECT_TIMEOUT("connectTimeout", null, "10s", "time for one attempt (TCP + TLS + login)"),
  /** Time of one {@code getConnection()}, retries included. */
  CONNECT_BUDGET("connectBudget", null, "30s",
      "total time of one getConnection() including retries, credential wait and discovery"),
  /** Background refresh lead before a token expires. */
  REFRESH_AHEAD("refreshAhead", null, "15m",
      "refresh credentials this long before expiry (capped at half the token life)"),
  /** Least remaining life of a token handed to a login. */
  MIN_TOKEN_VALIDITY("minTokenValidity", null, "2m",
      "never use a token with less life left (capped at a tenth of the token life)"),
  /** {@code background} (default) or {@code lazy}: see {@link RefreshStrategy}. */
  REFRESH_STRATEGY("refreshStrategy", null, "background",
      "background (a daemon thread refreshes ahead of expiry) or lazy (a connect inside"
          + " refreshAhead refreshes, single-flight; no background thread)"),
  /** Credential lifetime to request ({@code ttl}, 300 s to 3600 s; Autoscaling only). */
  TOKEN_TTL("tokenTtl", null, null,
      "credential lifetime to request from the workspace API (ttl, 5m to 1h, Autoscaling only);"
          + " default: the API's (1 h)"),
  /** Permission set to request in the credential's claims: {@code READ_ONLY}. */
  TOKEN_PERMISSION_SET("tokenPermissionSet", null, null,
      "READ_ONLY: request read-only credentials (claims.permission_set); default: the"
          + " identity's own permissions"),
  /** Tables the READ_ONLY claim is limited to (comma-separated). */
  TOKEN_TABLES("tokenTables", null, null,
      "comma-separated tables the READ_ONLY claim is limited to (claims.resources.table_name);"
          + " needs tokenPermissionSet"),
  /** First retry delay. */
  INITIAL_BACKOFF("initialBackoff", null, "25ms", "first retry delay"),
  /** Largest retry delay. */
  MAX_BACKOFF("maxBackoff", null, "2s", "largest retry delay"),
  /** Workspace URL of the client the library builds. */
  DATABRICKS_HOST("databricksHost", null, null,
      "workspace URL for the SDK client built by the library (default: Databricks unified auth)"),
  /** Config-file profile of the client the library builds. */
  DATABRICKS_PROFILE("databricksProfile", null, null,
      "~/.databrickscfg profile for the SDK client built by the library, e.g. the one"
          + " `databricks auth login --host <workspace URL> --profile <name>` writes"),
  /** Personal access token of the client the library builds (secret). */
  DATABRICKS_TOKEN("databricksToken", null, null,
      "workspace personal access token for the SDK client built by the library (secret;"
          + " prefer a profile or OAuth)"),
  /** OAuth M2M client id of the client the library builds. */
  DATABRICKS_CLIENT_ID("databricksClientId", null, null,
      "OAuth M2M client id (service principal application id) for the SDK client built by the"
          + " library"),
  /** OAuth M2M client secret of the client the library builds (secret). */
  DATABRICKS_CLIENT_SECRET("databricksClientSecret", null, null,
      "OAuth M2M client secret for the SDK client built by the library (secret)"),
  /** Unified-auth method forced on the client the library builds. */
  DATABRICKS_AUTH_TYPE("databricksAuthType", null, null,
      "force one Databricks unified-auth method: pat, oauth-m2m, databricks-cli, ..."),
  /** Class name of a {@link dev.lakebase.jdbc.spi.HostResolver}. */
  HOST_RESOLVER("hostResolver", null, null,
      "class name of a dev.lakebase.jdbc.spi.HostResolver with a public no-argument constructor");

  /** Prefix accepted in front of every key (required in the pgjdbc auth plugin mode). */
  public static final String PREFIX = "lakebase.";

  private final String key;
  private final String envVar;
  private final String defaultValue;
  private final String description;

  ConfigKey(String key, String envVar, String defaultValue, String description) {
    this.key = key;
    this.envVar = envVar;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /**
   * The canonical key name.
   *
   * @return e.g. {@code connectBudget}
   */
  public String key() {
    return key;
  }

  /**
   * The environment variable read by {@code LakebaseConfig.builder(Map)}.
   *
   * @return the variable name, or {@code null} when the key has none
   */
  public String envVar() {
    return envVar;
  }

  /**
   * The documented default.
   *
   * @return the default, or {@code null} when there is none
   */
  public String defaultValue() {
    return defaultValue;
  }

  /**
   * One line describing the key.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Whether the key's value is a secret: it is never shown in messages, logs or {@code
   * toString()}, and tools should mask it.
   *
   * @return {@code true} for secrets such as {@code password}
   */
  public boolean secret() {
    return Secrets.isSecretName(key);
  }

  /**
   * The key and, when it has one, its environment variable, for error messages.
   *
   * @return e.g. {@code endpoint (LAKEBASE_ENDPOINT)}
   */
  public String display() {
    return envVar == null ? key : key + " (" + envVar + ")";
  }

  /**
   * Finds a key by name: with or without the {@code lakebase.} prefix, case-insensitive, and
   * kebab-case or snake_case spellings ({@code connect-budget}) too.
   *
   * @param name the name as given by the user
   * @return the key, or empty for pass-through names
   */
  public static Optional<ConfigKey> lookup(String name) {
    String normalized = normalize(stripPrefix(name));
    for (ConfigKey k : values()) {
      if (normalize(k.key).equals(normalized)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  /**
   * Removes a leading {@code lakebase.} prefix.
   *
   * @param name a property name
   * @return the name without the prefix
   */
  public static String stripPrefix(String name) {
    return name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
        ? name.substring(PREFIX.length())
        : name;
  }

  private static String normalize(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
