package dev.lakebase.testkit;

import dev.lakebase.testkit.EmulatedCompute.Kind;
import dev.lakebase.testkit.internal.ApiFaultPlan;
import dev.lakebase.testkit.internal.Certificates;
import dev.lakebase.testkit.internal.Compute;
import dev.lakebase.testkit.internal.Computes;
import dev.lakebase.testkit.internal.ContainerDatabase;
import dev.lakebase.testkit.internal.Database;
import dev.lakebase.testkit.internal.EmbeddedDatabase;
import dev.lakebase.testkit.internal.Identity;
import dev.lakebase.testkit.internal.PgProxy;
import dev.lakebase.testkit.internal.Stats;
import dev.lakebase.testkit.internal.Threads;
import dev.lakebase.testkit.internal.TokenAuthority;
import dev.lakebase.testkit.internal.WorkspaceApiServer;
import dev.lakebase.testkit.internal.WorkspaceAuth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local stand-in for Databricks Lakebase: a fake workspace API that mints endpoint-scoped
 * tokens, and a TLS PostgreSQL-protocol proxy that checks those tokens at login and relays to a
 * real embedded PostgreSQL 17.
 *
 * <pre>{@code
 * try (LakebaseEmulator emulator = LakebaseEmulator.start()) {
 *   WorkspaceClient w = new WorkspaceClient(new DatabricksConfig()
 *       .setHost(emulator.workspaceUrl()).setToken(emulator.patFor(emulator.defaultUser())));
 *   String token = w.postgres().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
 *       .setEndpoint(emulator.defaultEndpoint().name())).getToken();
 *   // connect to emulator.host():emulator.port() with the endpoint's host name as TLS SNI
 * }
 * }</pre>
 */
public final class LakebaseEmulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LakebaseEmulator.class);
  private static final Pattern ENDPOINT_PATH = Pattern.compile("projects/[a-z0-9][a-z0-9-]*/branches/[a-z0-9][a-z0-9-]*"
      + "/endpoints/[a-z0-9][a-z0-9-]*");
  /**
   * Provisioned instance names as the SDK's core checks them (lakebase-jdbc's ResourceNames): 1-63
   * letters, digits and '-' (Databricks' docs: "1-63 characters, letters and hyphens only").
   */
  private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

  private final List<Identity> identities;
  private final List<Compute> computeList;
  private final List<EmulatedCompute> computeViews;
  private final TokenAuthority tokens;
  private final Stats stats;
  private final ApiFaultPlan faultPlan;
  private final EmulatorDns dns;
  private final WorkspaceApiFaults apiFaults;
  private final EmulatorCounters counters;
  private final Parts parts;
  private WorkspaceAuth workspaceAuth;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread shutdownHook;

  /** The running pieces, closed in reverse order of start. */
  private static final class Parts implements AutoCloseable {
    final Deque<AutoCloseable> started = new ArrayDeque<>();
    ScheduledExecutorService scheduler;
    Path workDirectory;
    Certificates certificates;
    Database database;
    WorkspaceApiServer api;
    PgProxy proxy;

    <T extends AutoCloseable> T add(T part) {
      started.push(part);
      return part;
    }

    @Override
    public void close() {
      while (!started.isEmpty()) {
        try {
          started.pop().close();
        } catch (Exception e) {
          log.warn("Lakebase emulator: a part did not stop cleanly: {}", e.toString());
        }
      }
    }
  }

  private LakebaseEmulator(Builder b) {
    this.identities = b.identities.isEmpty()
        ? List.of(new Identity("dev@example.com", false, Identity.defaultPat("dev@example.com")))
        : List.copyOf(b.identities.values());
    this.tokens = new TokenAuthority(b.tokenLifetime);
    this.stats = new Stats();
    this.faultPlan = new ApiFaultPlan();
    this.parts = new Parts();
    try {
      parts.scheduler = parts.add(new ExecutorCloser(
          Executors.newSingleThreadScheduledExecutor(Threads.daemon("lakebase-emulator-scheduler")))).executor;
      List<String> roles = identities.stream().map(Identity::name).toList();
      // PostgreSQL is the slow part (initdb + start): run it while the rest comes up.
      CompletableFuture<Database> database = CompletableFuture.supplyAsync(
          () -> b.postgresImage != null ? ContainerDatabase.start(b.postgresImage, roles)
              : EmbeddedDatabase.start(b.dataDirectory, roles),
          r -> Threads.daemon("lakebase-emulator-start").newThread(r).start());
      parts.add(() -> {
        try {
          database.join().close();
        } catch (CompletionException e) {
          log.debug("PostgreSQL did not start, nothing to stop: {}", e.getCause().toString());
        }
      });
      parts.workDirectory = Files.createTempDirectory("lakebase-emulator-");
      parts.add(new DirectoryDeleter(parts.workDirectory));
      parts.certificates = Certificates.generate(parts.workDirectory);
      this.computeList = (b.computes.isEmpty() ? Builder.defaultComputes() : b.computes).stream()
          .map(spec -> new Compute(spec.name(), spec.kind(), spec.readOnly(), parts.scheduler, stats::sessionClosed))
          .toList();
      Computes computes = new Computes(computeList);
      parts.api = parts.add(new WorkspaceApiServer(b.workspacePort, computes, tokens,
          workspaceAuth = new WorkspaceAuth(identities, tokens), faultPlan, stats));
      parts.database = database.join();
      parts.proxy = parts.add(new PgProxy(b.postgresPort, computes, tokens, stats,
          parts.certificates.sslContext(), parts.database.host(), parts.database.port()));
      this.computeViews = computeList.stream().map(c -> new EmulatedCompute(c, parts.proxy.port(),
          parts.proxy.directPort(c.host()), parts.proxy.directPort(c.readOnlyHost()))).toList();
      this.dns = new EmulatorDns(computes.hostNames());
      this.apiFaults = new WorkspaceApiFaults(faultPlan);
      this.counters = new EmulatorCounters(stats, computeList);
      this.shutdownHook = b.shutdownHook
          ? new Thread(this::close, "lakebase-emulator-shutdown") : null;
      if (shutdownHook != null) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      }
    } catch (IOException | RuntimeException e) {
      parts.close();
      Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("Lakebase emulator failed to start: " + cause.getMessage(), cause);
    }
  }

  /** Shuts an executor down as part of {@link Parts}. */
  private record ExecutorCloser(ScheduledExecutorService executor) implements AutoCloseable {
    @Override
    public void close() {
      executor.shutdownNow();
    }
  }

  /** Deletes the emulator's scratch directory (the CA PEM) on close. */
  private record DirectoryDeleter(Path directory) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      try (var files = Files.walk(directory)) {
        for (Path p : files.sorted((x, y) -> y.getNameCount() - x.getNameCount()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /**
   * Starts an emulator with the defaults: user {@code dev@example.com} (PAT
   * {@code dapi-emulator-dev}), READ_WRITE endpoint {@code projects/demo/branches/main/endpoints/primary},
   * READ_ONLY endpoint {@code projects/demo/branches/main/endpoints/replica}, instance
   * {@code demo-instance}, 1 h tokens.
   *
   * @return the running emulator
   */
  public static LakebaseEmulator start() {
    return builder().start();
  }

  /** @return a builder for a customised emulator */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Configures an emulator. Naming any compute (or identity) replaces the default computes (or
   * identities) entirely.
   */
  public static final class Builder {

    /** A compute to create. */
    private record ComputeSpec(String name, Kind kind, boolean readOnly) {
    }

    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private final List<ComputeSpec> computes = new ArrayList<>();
    private Duration tokenLifetime = Duration.ofHours(1);
    private int workspacePort;
    private int postgresPort;
    private Path dataDirectory;
    private String postgresImage;
    private boolean shutdownHook = true;

    Builder() {
    }

    private static List<ComputeSpec> defaultComputes() {
      return List.of(
          new ComputeSpec("projects/demo/branches/main/endpoints/primary", Kind.AUTOSCALING_ENDPOINT, false),
          new ComputeSpec("projects/demo/branches/main/endpoints/replica", Kind.AUTOSCALING_ENDPOINT, true),
          new ComputeSpec("demo-instance", Kind.PROVISIONED_INSTANCE, false));
    }

    /**
     * Adds a user identity whose PAT is {@code "dapi-emulator-" + localpart} (the part before '@').
     *
     * @param userName the user's e-mail, also the PostgreSQL role name
     * @return this builder
     */
    public Builder user(String userName) {
      Objects.requireNonNull(userName, "userName");
      return user(userName, Identity.defaultPat(userName));
    }

    /**
     * Adds a user identity with an explicit PAT.
     *
     * @param userName the user's e-mail, also the PostgreSQL role name
     * @param pat the personal access token the workspace API accepts for this user
     * @return this builder
     */
    public Builder user(String userName, String pat) {
      return identity(new Identity(userName, false, pat));
    }

    /**
     * Adds a service principal that authenticates with OAuth M2M (client credentials).
     *
     * @param applicationId the client id, also the identity and PostgreSQL role name
     * @param clientSecret the client secret
     * @return this builder
     */
    public Builder servicePrincipal(String applicationId, String clientSecret) {
      return identity(new Identity(applicationId, true, clientSecret));
    }

    private Builder identity(Identity identity) {
      if (identities.containsKey(identity.name())) {
        throw new IllegalArgumentException("identity '" + identity.name() + "' is configured twice");
      }
      if (!identity.servicePrincipal() && identities.values().stream().anyMatch(i -> i.secret().equals(identity.secret()))) {
        throw new IllegalArgumentException("PAT of user '" + identity.name() + "' is already used by another identity");
      }
      identities.put(identity.name(), identity);
      return this;
    }

    /**
     * Adds a READ_WRITE Autoscaling endpoint.
     *
     * @param endpointPath {@code projects/{p}/branches/{b}/endpoints/{e}}
     * @return this builder
     */
    public Builder endpoint(String endpointPath) {
      return endpoint(endpointPath, false);
    }

    /**
     * Adds a READ_ONLY Autoscaling endpoint.
     *
     * @param endpointPath {@code projects/{p}/branches/{b}/endpoints/{e}}
     * @return this builder
     */
    public Builder readOnlyEndpoint(String endpointPath) {
      return endpoint(endpointPath, true);
    }

    private Builder endpoint(String endpointPath, boolean readOnly) {
      if (endpointPath == null || !ENDPOINT_PATH.matcher(endpointPath).matches()) {
        throw new IllegalArgumentException("endpoint '" + endpointPath + "' is malformed: expected "
            + "projects/{project}/branches/{branch}/endpoints/{endpoint}, each segment [a-z0-9][a-z0-9-]*");
      }
      return compute(new ComputeSpec(endpointPath, Kind.AUTOSCALING_ENDPOINT, readOnly));
    }

    /**
     * Adds a Provisioned database instance.
     *
     * @param instanceName the instance name
     * @return this builder
     */
    public Builder instance(String instanceName) {
      if (instanceName == null || !INSTANCE_NAME.matcher(instanceName).matches()) {
        throw new IllegalArgumentException("instance name '" + instanceName
            + "' is malformed: use 1-63 letters, digits and '-' (the rule of the Databricks API)");
      }
      return compute(new ComputeSpec(instanceName, Kind.PROVISIONED_INSTANCE, false));
    }

    private Builder compute(ComputeSpec spec) {
      if (computes.stream().anyMatch(c -> c.name().equals(spec.name()))) {
        throw new IllegalArgumentException("compute '" + spec.name() + "' is configured twice");
      }
      computes.add(spec);
      return this;
    }

    /**
     * Sets the lifetime of minted tokens (default 1 h).
     *
     * @param lifetime positive duration
     * @return this builder
     */
    public Builder tokenLifetime(Duration lifetime) {
      if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
        throw new IllegalArgumentException("tokenLifetime must be positive: " + lifetime);
      }
      this.tokenLifetime = lifetime;
      return this;
    }

    /**
     * Sets the workspace API port.
     *
     * @param port TCP port on 127.0.0.1; 0 picks a free one (default)
     * @return this builder
     */
    public Builder workspacePort(int port) {
      this.workspacePort = checkPort(port, "workspacePort");
      return this;
    }

    /**
     * Sets the PostgreSQL proxy port.
     *
     * @param port TCP port on 127.0.0.1; 0 picks a free one (default). When fixed, the computes'
     *     direct ports ({@link EmulatedCompute#directPort()}) are the ports after it: per compute in
     *     order its host, read-only host and (endpoints) two pooled hosts
     * @return this builder
     */
    public Builder postgresPort(int port) {
      this.postgresPort = checkPort(port, "postgresPort");
      return this;
    }

    private static int checkPort(int port, String name) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " must be 0 (any free port) or 1-65535: " + port);
      }
      return port;
    }

    /**
     * Keeps the embedded PostgreSQL data in {@code dir} across restarts (default: a temporary
     * directory deleted on close).
     *
     * @param dir the data directory; created if missing
     * @return this builder
     */
    public Builder dataDirectory(Path dir) {
      this.dataDirectory = dir;
      return this;
    }

    /**
     * Runs PostgreSQL in a container instead of the embedded binaries: {@code postgres:17}, or an
     * image of your own (e.g. {@code pgvector/pgvector:pg17} for an extension zonky's binaries
     * lack). Everything else (workspace API, proxy, tokens, knobs, counters) is the same. Needs
     * {@code org.testcontainers:postgresql} on the test class path and a Docker daemon; without
     * them {@link #start()} fails saying which. Not combinable with {@link #dataDirectory(Path)}.
     *
     * @param image a Docker image compatible with the official {@code postgres} image
     * @return this builder
     */
    public Builder postgresContainer(String image) {
      if (image == null || image.isBlank()) {
        throw new IllegalArgumentException("postgresContainer needs an image, e.g. postgres:17");
      }
      this.postgresImage = image;
      return this;
    }

    /**
     * Whether the emulator closes itself when the JVM exits (default true), so its PostgreSQL
     * never outlives the process. Turn it off when something else owns the emulator's lifecycle
     * and closes it in order, e.g. a Spring context whose graceful shutdown still writes to it.
     *
     * @param register false to leave closing to the owner
     * @return this builder
     */
    public Builder shutdownHook(boolean register) {
      this.shutdownHook = register;
      return this;
    }

    /**
     * Starts the emulator (typically in a few seconds).
     *
     * @return the running emulator
     * @throws IllegalStateException with the cause when a part cannot start (port in use, PostgreSQL failure)
     */
    public LakebaseEmulator start() {
      if (postgresImage != null && dataDirectory != null) {
        throw new IllegalArgumentException("dataDirectory and postgresContainer cannot be combined:"
            + " a container's data lives in the container");
      }
      long started = System.nanoTime();
      LakebaseEmulator emulator = new LakebaseEmulator(this);
      log.info("Lakebase emulator started in {} ms: workspace API {}, PostgreSQL proxy 127.0.0.1:{}",
          (System.nanoTime() - started) / 1_000_000, emulator.workspaceUrl(), emulator.port());
      return emulator;
    }
  }

  /** @return the fake workspace API's base URL, {@code http://127.0.0.1:PORT} */
  public String workspaceUrl() {
    return parts.api.url();
  }

  /** @return the address the PostgreSQL proxy listens on, {@code 127.0.0.1} */
  public String host() {
    return "127.0.0.1";
  }

  /** @return the PostgreSQL proxy port, shared by every compute */
  public int port() {
    return parts.proxy.port();
  }

  /** @return the first configured identity */
  public String defaultUser() {
    return identities.get(0).name();
  }

  /**
   * @param userName a configured user identity
   * @return that user's PAT for the workspace API
   * @throws IllegalArgumentException if the user is unknown (or is a service principal)
   */
  public String patFor(String userName) {
    return identities.stream().filter(i -> !i.servicePrincipal() && i.name().equals(userName))
        .findFirst().map(Identity::secret)
        .orElseThrow(() -> new IllegalArgumentException("no user '" + userName + "' in this emulator (users have "
            + "PATs, service principals use OAuth M2M); identities: " + identities()));
  }

  /** @return every identity (users and service principals), in configuration order */
  public List<String> identities() {
    return identities.stream().map(Identity::name).toList();
  }

  /** @return the database every compute serves, {@code databricks_postgres} */
  public String database() {
    return EmbeddedDatabase.DATABASE;
  }

  /**
   * @param endpointPath {@code projects/{p}/branches/{b}/endpoints/{e}}
   * @return the endpoint
   * @throws IllegalArgumentException if no such endpoint is configured
   */
  public EmulatedCompute endpoint(String endpointPath) {
    return compute(endpointPath, Kind.AUTOSCALING_ENDPOINT);
  }

  /**
   * @return the first READ_WRITE endpoint
   * @throws IllegalStateException if none is configured
   */
  public EmulatedCompute defaultEndpoint() {
    return computeViews.stream().filter(c -> c.kind() == Kind.AUTOSCALING_ENDPOINT && !c.readOnly()).findFirst()
        .orElseThrow(() -> new IllegalStateException("this emulator has no READ_WRITE endpoint; computes: "
            + computeViews.stream().map(EmulatedCompute::name).toList()));
  }

  /**
   * @param instanceName a Provisioned instance name
   * @return the instance
   * @throws IllegalArgumentException if no such instance is configured
   */
  public EmulatedCompute instance(String instanceName) {
    return compute(instanceName, Kind.PROVISIONED_INSTANCE);
  }

  private EmulatedCompute compute(String name, Kind kind) {
    return computeViews.stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + (kind == Kind.AUTOSCALING_ENDPOINT ? "endpoint" : "instance")
            + " '" + name + "' in this emulator; computes: " + computeViews.stream().map(EmulatedCompute::name).toList()));
  }

  /** @return every compute, in configuration order */
  public List<EmulatedCompute> computes() {
    return computeViews;
  }

  /** @return the resolver for the computes' host names, with failure injection */
  public EmulatorDns dns() {
    return dns;
  }

  /** @return the workspace API fault knobs */
  public WorkspaceApiFaults api() {
    return apiFaults;
  }

  /** @return the counters and audit */
  public EmulatorCounters counters() {
    return counters;
  }

  /** @return the PEM file of the CA that signed the proxy's certificate (for {@code sslrootcert}) */
  public Path caCertificatePath() {
    return parts.certificates.caPath();
  }

  /** @return the lifetime of tokens minted from now on */
  public Duration tokenLifetime() {
    return tokens.lifetime();
  }

  /**
   * Changes the lifetime of tokens minted from now on (tokens already minted keep theirs).
   *
   * @param lifetime positive duration
   */
  public void tokenLifetime(Duration lifetime) {
    tokens.lifetime(lifetime);
  }

  /**
   * Mints a token without going through HTTP (counted as a mint). The identity is not checked
   * against the configured ones, so a test can mint for a stranger and see the identity mismatch.
   *
   * @param computeName endpoint path or instance name
   * @param identity the identity the token is for
   * @return the token
   * @throws IllegalArgumentException if the compute is unknown
   */
  public String mintToken(String computeName, String identity) {
    if (computeList.stream().noneMatch(c -> c.name().equals(computeName))) {
      throw new IllegalArgumentException("no compute '" + computeName + "' in this emulator; computes: "
          + computeList.stream().map(Compute::name).toList());
    }
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("identity must not be blank");
    }
    TokenAuthority.MintedToken token = tokens.mint(computeName, identity);
    stats.minted(token);
    return token.token();
  }

  /**
   * Revokes a token: the next login with it is refused (28P01); open sessions are not affected.
   *
   * @param token a token minted by this emulator
   */
  public void revokeToken(String token) {
    tokens.revoke(token);
  }

  /**
   * Revokes every token minted so far for an identity.
   *
   * @param identity user name or service principal application id
   */
  public void revokeTokensOf(String identity) {
    tokens.revokeAllOf(identity);
  }

  /**
   * Issues a further workspace token for a user, as a new sign-in does: what a Databricks App
   * receives in {@code X-Forwarded-Access-Token} changes this way while the identity stays.
   *
   * @param userName a configured user
   * @return the new workspace token (a secret)
   * @throws IllegalArgumentException if the user is unknown (or is a service principal)
   */
  public String issueWorkspaceToken(String userName) {
    return workspaceAuth.issueUserToken(userName);
  }

  /**
   * Revokes a workspace token (a user's PAT, a token from {@link #issueWorkspaceToken}, or an
   * OAuth access token): the workspace API answers 401 to it until {@link #reset()}. Database
   * tokens minted with it and open sessions are not affected.
   *
   * @param workspaceToken the token
   */
  public void revokeWorkspaceToken(String workspaceToken) {
    workspaceAuth.revoke(workspaceToken);
  }

  /**
   * @return a superuser DataSource straight to the embedded PostgreSQL's {@code databricks_postgres}
   *     database (not through the proxy, no token needed) for fixtures and assertions
   */
  public DataSource adminDataSource() {
    return parts.database.adminDataSource();
  }

  /**
   * How clients connect to the default target: the first READ_WRITE endpoint, else the first
   * Provisioned instance (never a read-only replica), as the first identity. Every form (Spring
   * properties, environment variables, {@code jdbc:lakebase:} URL, psql, generic JDBC) connects to
   * the compute's direct port on {@code 127.0.0.1} and works as printed; the standalone mode
   * prints them.
   *
   * @return the settings
   */
  public ClientSettings connectionSettings() {
    EmulatedCompute target = computeViews.stream()
        .filter(c -> c.kind() == Kind.AUTOSCALING_ENDPOINT && !c.readOnly()).findFirst()
        .or(() -> computeViews.stream().filter(c -> c.kind() != Kind.AUTOSCALING_ENDPOINT)
            .findFirst())
        .orElse(computeViews.get(0));
    return connectionSettings(target);
  }

  /**
   * How clients connect to one compute, as the first identity.
   *
   * @param compute one of {@link #computes()}
   * @return the settings
   */
  public ClientSettings connectionSettings(EmulatedCompute compute) {
    Identity first = identities.get(0);
    return new ClientSettings(compute, workspaceUrl(), first.name(), first.servicePrincipal(),
        first.secret(), database(), () -> mintToken(compute.name(), first.name()),
        tokenLifetime());
  }

  /**
   * Back to a clean slate for the next test class: clears API faults, DNS faults, counters,
   * revocations, wake behaviours and auto-suspend, makes every compute ACTIVE and restores the
   * builder's token lifetime. Keeps data and open sessions.
   */
  public void reset() {
    faultPlan.clear();
    dns.reset();
    stats.reset();
    tokens.reset();
    workspaceAuth.reset();
    computeList.forEach(Compute::reset);
  }

  /** Stops the proxy (closing every session), the workspace API and PostgreSQL. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
        try {
          Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
          // the hook is running or about to: nothing to remove
        }
      }
      parts.close();
      log.info("Lakebase emulator stopped");
    }
  }

  @Override
  public String toString() {
    return "LakebaseEmulator[" + (closed.get() ? "closed" : workspaceUrl() + ", postgres 127.0.0.1:" + port()) + "]";
  }
}
