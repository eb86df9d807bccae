package dev.lakebase.testkit.internal;

import static dev.lakebase.testkit.internal.ApiResources.object;
import static dev.lakebase.testkit.internal.ApiResources.rfc3339;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lakebase.testkit.EmulatedCompute.Kind;
import dev.lakebase.testkit.internal.TokenAuthority.MintedToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fake Databricks workspace API (JDK HttpServer on 127.0.0.1): host metadata and OIDC
 * discovery, the M2M token endpoint, SCIM Me, credential minting, endpoint and instance lookup.
 * Errors are Databricks-style JSON ({@code error_code}, {@code message}) with the matching status.
 */
public final class WorkspaceApiServer implements AutoCloseable {

  static final String WORKSPACE_ID = "1234567890123456";
  private static final String POSTGRES_CREDENTIALS = "/api/2.0/postgres/credentials";
  private static final String DATABASE_CREDENTIALS = "/api/2.0/database/credentials";
  private static final String POSTGRES = "/api/2.0/postgres/";
  private static final String INSTANCES = "/api/2.0/database/instances";
  private static final String SCIM_ME = "/api/2.0/preview/scim/v2/Me";
  private static final Pattern ENDPOINT_PATH = Pattern.compile("projects/[^/]+/branches/[^/]+/endpoints/[^/]+");
  private static final Pattern PROTO_DURATION = Pattern.compile("(\\d+)(?:\\.(\\d{1,9}))?s");
  private static final Duration MIN_TTL = Duration.ofSeconds(300);
  private static final Duration MAX_TTL = Duration.ofSeconds(3600);
  private static final Logger log = LoggerFactory.getLogger(WorkspaceApiServer.class);

  /** An error answer, thrown by handlers. */
  private static final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ApiError(int status, String message) {
      super(message);
      this.status = status;
    }
  }

  private final ObjectMapper json = new ObjectMapper();
  private final Computes computes;
  private final TokenAuthority tokens;
  private final WorkspaceAuth auth;
  private final ApiFaultPlan faults;
  private final Stats stats;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(Threads.daemon("lakebase-workspace-api"));
  private final String url;

  /**
   * Starts the server.
   *
   * @param port TCP port on 127.0.0.1, 0 for a free one
   * @param computes endpoints and instances
   * @param tokens the mint
   * @param auth caller authentication
   * @param faults injected faults
   * @param stats counters
   * @throws IOException if the port cannot be bound
   */
  public WorkspaceApiServer(int port, Computes computes, TokenAuthority tokens, WorkspaceAuth auth,
      ApiFaultPlan faults, Stats stats) throws IOException {
    this.computes = computes;
    this.tokens = tokens;
    this.auth = auth;
    this.faults = faults;
    this.stats = stats;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    this.url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String url() {
    return url;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- dispatch ---------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    stats.apiCall(path);
    try (exchange) {
      Object body;
      try {
        body = route(exchange, method, path);
      } catch (ApiError e) {
        if (path.equals(POSTGRES_CREDENTIALS) || path.equals(DATABASE_CREDENTIALS)) {
          stats.mintFailed();
        }
        sendError(exchange, e.status, e.getMessage());
        return;
      }
      send(exchange, 200, body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("Workspace API failed on {} {}", method, path, e);
    }
  }

  private Object route(HttpExchange exchange, String method, String path) throws IOException, InterruptedException {
    if (path.equals("/.well-known/databricks-config")) {
      return object("oidc_endpoint", url + "/oidc", "workspace_id", WORKSPACE_ID);
    }
    if (path.equals("/oidc/.well-known/oauth-authorization-server")) {
      return object("issuer", url + "/oidc", "token_endpoint", url + "/oidc/v1/token",
          "authorization_endpoint", url + "/oidc/v1/authorize");
    }
    if (path.equals("/oidc/v1/token") && method.equals("POST")) {
      return oauthToken(exchange);
    }
    if (!path.startsWith("/oidc/")) {
      applyFaults(path);
      Identity caller = auth.authenticate(exchange.getRequestHeaders().getFirst("Authorization"))
          .orElseThrow(() -> new ApiError(401, "Invalid access token: send 'Authorization: Bearer <PAT>' with a PAT "
              + "of an emulator identity, or an OAuth token from the emulator's /oidc/v1/token"));
      Object answer = api(exchange, method, path, caller);
      if (answer != null) {
        return answer;
      }
    }
    throw new ApiError(404, "No API found for '" + method + " " + path + "'");
  }

  private void applyFaults(String path) throws InterruptedException {
    Duration latency = faults.latency();
    if (!latency.isZero()) {
      Thread.sleep(latency.toMillis());
    }
    OptionalInt status = faults.next(path);
    if (status.isPresent()) {
      throw new ApiError(status.getAsInt(), "Injected fault (lakebase emulator): HTTP " + status.getAsInt());
    }
  }

  private Object api(HttpExchange exchange, String method, String path, Identity caller) throws IOException {
    if (method.equals("GET") && path.equals(SCIM_ME)) {
      return ApiResources.me(caller);
    }
    if (method.equals("POST") && path.equals(POSTGRES_CREDENTIALS)) {
      return postgresCredential(readJson(exchange), caller);
    }
    if (method.equals("POST") && path.equals(DATABASE_CREDENTIALS)) {
      return databaseCredential(readJson(exchange), caller);
    }
    if (method.equals("GET") && path.equals(INSTANCES)) {
      return object("database_instances", computes.all().stream()
          .filter(c -> c.kind() == Kind.PROVISIONED_INSTANCE).map(ApiResources::instance).toList());
    }
    if (method.equals("GET") && path.startsWith(INSTANCES + "/")) {
      String name = path.substring(INSTANCES.length() + 1);
      return ApiResources.instance(computes.byName(name).filter(c -> c.kind() == Kind.PROVISIONED_INSTANCE)
          .orElseThrow(() -> new ApiError(404, "Database instance '" + name + "' does not exist.")));
    }
    if (method.equals("GET") && path.startsWith(POSTGRES) && path.endsWith("/endpoints")) {
      String parent = path.substring(POSTGRES.length(), path.length() - "/endpoints".length());
      List<Map<String, Object>> endpoints = computes.all().stream()
          .filter(c -> c.kind() == Kind.AUTOSCALING_ENDPOINT && ApiResources.parentOf(c.name()).equals(parent))
          .map(ApiResources::endpoint).toList();
      if (endpoints.isEmpty()) {
        throw new ApiError(404, "Branch '" + parent + "' does not exist.");
      }
      return object("endpoints", endpoints);
    }
    if (method.equals("GET") && path.startsWith(POSTGRES)) {
      String name = path.substring(POSTGRES.length());
      return ApiResources.endpoint(endpoint(name));
    }
    return null;
  }

  // ---- resources --------------------------------------------------------------------------

  private Map<String, Object> postgresCredential(JsonNode request, Identity caller) {
    String endpoint = request.path("endpoint").asText("");
    if (endpoint.isEmpty()) {
      throw new ApiError(400, "Field 'endpoint' is required: projects/{project}/branches/{branch}/endpoints/{endpoint}");
    }
    if (!ENDPOINT_PATH.matcher(endpoint).matches()) {
      throw new ApiError(400, "Field 'endpoint' is malformed: '" + endpoint
          + "' (expected projects/{project}/branches/{branch}/endpoints/{endpoint})");
    }
    Duration lifetime = requestedLifetime(request);
    MintedToken token = mint(endpoint(endpoint), caller, lifetime, claims(request));
    return object("token", token.token(), "expire_time", rfc3339(token.expiresAt()));
  }

  private Map<String, Object> databaseCredential(JsonNode request, Identity caller) {
    JsonNode names = request.path("instance_names");
    if (!names.isArray() || names.isEmpty()) {
      throw new ApiError(400, "Field 'instance_names' is required: a list with one instance name");
    }
    if (names.size() > 1) {
      throw new ApiError(400, "The Lakebase emulator mints a credential for exactly one instance; got "
          + names.size() + " in 'instance_names'");
    }
    String name = names.get(0).asText();
    Compute instance = computes.byName(name).filter(c -> c.kind() == Kind.PROVISIONED_INSTANCE)
        .orElseThrow(() -> new ApiError(404, "Database instance '" + name + "' does not exist."));
    MintedToken token = mint(instance, caller, null, claims(request));
    return object("token", token.token(), "expiration_time", rfc3339(token.expiresAt()));
  }

  /**
   * The lifetime asked for with {@code ttl} (a protobuf JSON duration, {@code "600s"}) or {@code
   * expire_time} (RFC 3339), validated like the Autoscaling API: 300 s to 3600 s, not both.
   * {@code null} when neither is set (the emulator's token lifetime applies).
   */
  private static Duration requestedLifetime(JsonNode request) {
    JsonNode ttl = request.path("ttl");
    JsonNode expireTime = request.path("expire_time");
    boolean hasTtl = !ttl.isMissingNode() && !ttl.isNull();
    boolean hasExpireTime = !expireTime.isMissingNode() && !expireTime.isNull();
    if (hasTtl && hasExpireTime) {
      throw new ApiError(400, "Only one of 'ttl' and 'expire_time' may be set");
    }
    Duration lifetime;
    String field;
    if (hasTtl) {
      field = "ttl";
      java.util.regex.Matcher m = PROTO_DURATION.matcher(ttl.asText(""));
      if (!ttl.isTextual() || !m.matches()) {
        throw new ApiError(400, "Field 'ttl' is malformed: '" + ttl.asText() + "' (expected a duration such as \"3600s\")");
      }
      lifetime = Duration.ofSeconds(Long.parseLong(m.group(1)));
      if (m.group(2) != null) {
        lifetime = lifetime.plusNanos(Long.parseLong((m.group(2) + "000000000").substring(0, 9)));
      }
    } else if (hasExpireTime) {
      field = "expire_time";
      try {
        lifetime = Duration.between(java.time.Instant.now(),
            java.time.OffsetDateTime.parse(expireTime.asText("")).toInstant());
      } catch (java.time.format.DateTimeParseException e) {
        throw new ApiError(400, "Field 'expire_time' is malformed: '" + expireTime.asText() + "' (expected RFC 3339)");
      }
    } else {
      return null;
    }
    // An expire_time was computed by the client a moment ago: allow for the time in transit.
    Duration slack = hasTtl ? Duration.ZERO : Duration.ofSeconds(5);
    if (lifetime.compareTo(MIN_TTL.minus(slack)) < 0 || lifetime.compareTo(MAX_TTL.plus(slack)) > 0) {
      throw new ApiError(400, "Field '" + field + "' is out of range: the credential lifetime must be between "
          + MIN_TTL.toSeconds() + "s and " + MAX_TTL.toSeconds() + "s, got " + lifetime.toSeconds() + "s");
    }
    return lifetime.compareTo(MAX_TTL) > 0 ? MAX_TTL : lifetime;
  }

  /** The {@code claims} of a credential request: only the READ_ONLY permission set exists. */
  private static TokenAuthority.Claims claims(JsonNode request) {
    JsonNode claims = request.path("claims");
    if (claims.isMissingNode() || claims.isNull() || claims.isEmpty()) {
      return null;
    }
    if (!claims.isArray()) {
      throw new ApiError(400, "Field 'claims' must be a list");
    }
    boolean readOnly = false;
    List<String> tables = new java.util.ArrayList<>();
    for (JsonNode claim : claims) {
      String set = claim.path("permission_set").asText("");
      if (!set.equals("READ_ONLY")) {
        throw new ApiError(400, "Field 'claims.permission_set' must be READ_ONLY, got '" + set + "'");
      }
      readOnly = true;
      for (JsonNode resource : claim.path("resources")) {
        String table = resource.path("table_name").asText("");
        if (table.isBlank()) {
          throw new ApiError(400, "Field 'claims.resources.table_name' is required in every resource");
        }
        tables.add(table);
      }
    }
    return new TokenAuthority.Claims(readOnly, tables);
  }

  private MintedToken mint(Compute compute, Identity caller, Duration lifetime, TokenAuthority.Claims claims) {
    MintedToken token = tokens.mint(compute.name(), caller.name(), lifetime, claims);
    stats.minted(token);
    log.debug("Minted {}", token);
    return token;
  }

  private Compute endpoint(String name) {
    return computes.byName(name).filter(c -> c.kind() == Kind.AUTOSCALING_ENDPOINT)
        .orElseThrow(() -> new ApiError(404, "Endpoint '" + name + "' does not exist."));
  }

  // ---- OAuth ------------------------------------------------------------------------------

  private Object oauthToken(HttpExchange exchange) throws IOException {
    Map<String, String> form = readForm(exchange);
    if (!"client_credentials".equals(form.get("grant_type"))) {
      sendRaw(exchange, 400, object("error", "unsupported_grant_type",
          "error_description", "the Lakebase emulator supports grant_type=client_credentials only"));
      return null;
    }
    String accessToken = auth.clientCredentials(exchange.getRequestHeaders().getFirst("Authorization"), form)
        .orElse(null);
    if (accessToken == null) {
      sendRaw(exchange, 401, object("error", "invalid_client",
          "error_description", "Client authentication failed: unknown client id or wrong secret"));
      return null;
    }
    return object("access_token", accessToken, "token_type", "Bearer",
        "expires_in", WorkspaceAuth.ACCESS_TOKEN_SECONDS, "scope", form.getOrDefault("scope", "all-apis"));
  }

  // ---- HTTP plumbing ----------------------------------------------------------------------

  private JsonNode readJson(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length == 0 ? json.createObjectNode() : json.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "Malformed JSON request body: " + e.getOriginalMessage());
    }
  }

  private static Map<String, String> readForm(HttpExchange exchange) throws IOException {
    Map<String, String> form = new LinkedHashMap<>();
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return form;
  }

  private void sendError(HttpExchange exchange, int status, String message) throws IOException {
    if (status == 429) {
      exchange.getResponseHeaders().set("Retry-After", "1");
    }
    send(exchange, status, object("error_code", errorCode(status), "message", message));
  }

  private void send(HttpExchange exchange, int status, Object body) throws IOException {
    if (body != null) {
      sendRaw(exchange, status, body);
    }
  }

  private void sendRaw(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  static String errorCode(int status) {
    return switch (status) {
      case 400 -> "INVALID_PARAMETER_VALUE";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "RESOURCE_CONFLICT";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 501 -> "NOT_IMPLEMENTED";
      case 503 -> "TEMPORARILY_UNAVAILABLE";
      case 504 -> "DEADLINE_EXCEEDED";
      default -> status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
    };
  }
}
