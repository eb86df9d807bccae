package dev.lakebase.testkit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * How each kind of client connects to one compute of a running emulator, in forms that work as
 * printed: Spring Boot properties for the Lakebase starter, environment variables for {@code
 * LakebaseDataSource.fromEnvironment()}, a {@code jdbc:lakebase:} URL, a psql command and a
 * generic JDBC URL with user and password. Every form connects to {@code 127.0.0.1} on the
 * compute's {@linkplain EmulatedCompute#directPort() direct port}, so no client needs DNS for the
 * emulator's host names or a resolver hook. The SDK forms still mint tokens through the
 * emulator's workspace API; psql and generic JDBC use a token minted at the first call of {@link
 * #password()} (or of a form that contains it), valid for {@link #tokenLifetime()}.
 *
 * <p>The forms carry the workspace token and a database token: print them to a console or pass
 * them to a child process, never to a log. {@link #toString()} shows neither.
 */
public final class ClientSettings {

  private static final String HOST = "127.0.0.1";

  private final EmulatedCompute compute;
  private final String workspaceUrl;
  private final String user;
  private final boolean servicePrincipal;
  private final String secret;
  private final String database;
  private final Supplier<String> mint;
  private final Duration tokenLifetime;
  private String password;

  ClientSettings(EmulatedCompute compute, String workspaceUrl, String user,
      boolean servicePrincipal, String secret, String database, Supplier<String> mint,
      Duration tokenLifetime) {
    this.compute = compute;
    this.workspaceUrl = workspaceUrl;
    this.user = user;
    this.servicePrincipal = servicePrincipal;
    this.secret = secret;
    this.database = database;
    this.mint = mint;
    this.tokenLifetime = tokenLifetime;
  }

  /** @return the compute these settings connect to */
  public EmulatedCompute compute() {
    return compute;
  }

  /** @return {@code 127.0.0.1} */
  public String host() {
    return HOST;
  }

  /** @return the compute's direct port */
  public int port() {
    return compute.directPort();
  }

  /** @return the login role: the identity the tokens are minted for */
  public String user() {
    return user;
  }

  /** @return the database name */
  public String database() {
    return database;
  }

  /**
   * @return a database token for {@link #user()} and this compute (psql, generic JDBC), minted at
   *     the first call (counted in {@link EmulatorCounters#mints()})
   */
  public synchronized String password() {
    if (password == null) {
      password = mint.get();
    }
    return password;
  }

  /** @return how long {@link #password()} stays valid for new logins */
  public Duration tokenLifetime() {
    return tokenLifetime;
  }

  private boolean endpoint() {
    return compute.kind() == EmulatedCompute.Kind.AUTOSCALING_ENDPOINT;
  }

  /**
   * @return {@code lakebase.*} properties for the Lakebase Spring Boot starter (e.g. in {@code
   *     application.properties} or as {@code --name=value} arguments)
   */
  public Map<String, String> springProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put(endpoint() ? "lakebase.endpoint" : "lakebase.instance", compute.name());
    p.put("lakebase.host", HOST);
    p.put("lakebase.port", Integer.toString(port()));
    p.put("lakebase.database", database);
    p.put("lakebase.user", user);
    p.put("lakebase.databricks.host", workspaceUrl);
    if (servicePrincipal) {
      p.put("lakebase.databricks.client-id", user);
      p.put("lakebase.databricks.client-secret", secret);
      p.put("lakebase.databricks.auth-type", "oauth-m2m");
    } else {
      p.put("lakebase.databricks.token", secret);
      p.put("lakebase.databricks.auth-type", "pat");
    }
    return p;
  }

  /**
   * @return environment variables for {@code LakebaseDataSource.fromEnvironment()} (and the
   *     starter with no properties): Databricks unified auth, the target, and libpq-style {@code
   *     PG*} variables
   */
  public Map<String, String> environment() {
    Map<String, String> e = new LinkedHashMap<>();
    e.put("DATABRICKS_HOST", workspaceUrl);
    if (servicePrincipal) {
      e.put("DATABRICKS_CLIENT_ID", user);
      e.put("DATABRICKS_CLIENT_SECRET", secret);
      e.put("DATABRICKS_AUTH_TYPE", "oauth-m2m");
    } else {
      e.put("DATABRICKS_TOKEN", secret);
      e.put("DATABRICKS_AUTH_TYPE", "pat");
    }
    e.put(endpoint() ? "LAKEBASE_ENDPOINT" : "LAKEBASE_INSTANCE", compute.name());
    e.put("PGHOST", HOST);
    e.put("PGPORT", Integer.toString(port()));
    e.put("PGDATABASE", database);
    e.put("PGUSER", user);
    e.put("PGSSLMODE", "require");
    return e;
  }

  /** @return a {@code jdbc:lakebase:} URL with everything the driver needs, workspace auth included */
  public String lakebaseJdbcUrl() {
    StringBuilder url = new StringBuilder("jdbc:lakebase://").append(HOST).append(':')
        .append(port()).append('/').append(database).append('?')
        .append(endpoint() ? "endpoint=" : "instance=").append(encode(compute.name()))
        .append("&user=").append(encode(user))
        .append("&databricksHost=").append(encode(workspaceUrl));
    if (servicePrincipal) {
      url.append("&databricksClientId=").append(encode(user))
          .append("&databricksClientSecret=").append(encode(secret))
          .append("&databricksAuthType=oauth-m2m");
    } else {
      url.append("&databricksToken=").append(encode(secret)).append("&databricksAuthType=pat");
    }
    return url.toString();
  }

  /** @return a libpq connection string (psql, DBeaver's PostgreSQL driver settings); no password */
  public String libpqConnectionString() {
    return "host=" + HOST + " port=" + port() + " dbname=" + database + " user=" + user
        + " sslmode=require";
  }

  /** @return a shell command that logs in with psql ({@link #password()} as {@code PGPASSWORD}) */
  public String psqlCommand() {
    return "PGPASSWORD=" + shellQuote(password()) + " psql " + shellQuote(libpqConnectionString());
  }

  /** @return a {@code jdbc:postgresql:} URL for any JDBC client, with {@link #user()} and {@link #password()} */
  public String genericJdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + port() + "/" + database + "?sslmode=require";
  }

  /**
   * @return a curl command that mints a database token through the emulator's workspace API (PAT
   *     identities only; a service principal first gets an OAuth token, as on Databricks)
   */
  public String mintCommand() {
    String body = endpoint() ? "{\"endpoint\":\"" + compute.name() + "\"}"
        : "{\"instance_names\":[\"" + compute.name() + "\"]}";
    return "curl -s -X POST -H " + shellQuote("Authorization: Bearer " + secret)
        + " -H 'Content-Type: application/json' -d " + shellQuote(body) + " " + workspaceUrl
        + (endpoint() ? "/api/2.0/postgres/credentials" : "/api/2.0/database/credentials");
  }

  /**
   * The forms as the standalone emulator prints them.
   *
   * @return the text, secrets included
   */
  public String print() {
    StringBuilder out = new StringBuilder();
    String target = compute.name();
    out.append("Settings for ").append(target).append(" (direct port ").append(HOST).append(':')
        .append(port()).append("; every form works as printed):\n");
    out.append("\nSpring Boot (Lakebase starter), application.properties:\n");
    springProperties().forEach((k, v) -> out.append("  ").append(k).append('=').append(v)
        .append('\n'));
    out.append("\nEnvironment (LakebaseDataSource.fromEnvironment(), or the starter with no"
        + " properties):\n");
    environment().forEach((k, v) -> out.append("  export ").append(k).append('=')
        .append(shellQuote(v)).append('\n'));
    out.append("\nJDBC URL for the Lakebase driver (DBeaver, Flyway, HikariCP jdbcUrl, ...):\n  ")
        .append(lakebaseJdbcUrl()).append('\n');
    out.append("\npsql (the password is a database token valid for ").append(tokenLifetime)
        .append("; mint another with the workspace API):\n  ").append(psqlCommand()).append('\n');
    out.append("\nAny JDBC client (PostgreSQL driver; the same token as password):\n  url      ")
        .append(genericJdbcUrl()).append("\n  user     ").append(user).append("\n  password ")
        .append(password()).append('\n');
    if (!servicePrincipal) {
      out.append("\nMint another database token:\n  ").append(mintCommand()).append('\n');
    }
    return out.toString();
  }

  /** Never the secrets. */
  @Override
  public String toString() {
    return "ClientSettings[" + compute.name() + " at " + HOST + ":" + port() + ", user " + user
        + ", workspace " + workspaceUrl + "]";
  }

  /** Encodes what would break a query parameter, and keeps {@code /}, {@code :} and {@code @} readable. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("%2F", "/").replace("%3A", ":").replace("%40", "@");
  }

  static String shellQuote(String value) {
    return value.matches("[A-Za-z0-9@%+=:,./_-]+") ? value
        : "'" + value.replace("'", "'\\''") + "'";
  }
}
