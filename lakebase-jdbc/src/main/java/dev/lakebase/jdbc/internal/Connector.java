package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.RefreshStrategy;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent.Outcome;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import dev.lakebase.jdbc.spi.FailureKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens physical connections for one configuration: obtains the login user, a credential from
 * the shared cache and the endpoint host (each looked up once and cached), resolves the host, and
 * retries transient failures with backoff until the connect budget is spent.
 */
public final class Connector implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Connector.class);
  /** Re-discover a host after a DNS failure at most this often. */
  private static final Duration REDISCOVERY_INTERVAL = Duration.ofMinutes(1);
  /**
   * Retries of an endpoint that says it is waking (57P03, "starting") back off to at most this,
   * whatever {@code maxBackoff} says: the wake takes a few hundred milliseconds, so a connect
   * that polls it at most this far apart logs in about half of it (on average) after the wake,
   * where a 2 s backoff could add over a second. One refused login is cheap for the endpoint.
   */
  private static final Duration COLD_START_MAX_BACKOFF = Duration.ofMillis(200);

  /** What a connect needs besides the host: the login user and the shared credential cache. */
  private record Session(String user, CredentialCache cache, int generation) {}

  private final LakebaseConfig config;
  private final LakebaseTarget target;
  private final String targetDescription;
  private final Listeners listeners;
  private final Backoff backoff;
  private final Backoff coldStartBackoff;
  private final LastKnownGoodResolver resolver;
  private final PhysicalConnector physical;
  /**
   * The host to connect to without discovery. An explicit host is the read-write host (e.g.
   * PGHOST in Databricks Apps), so read-only mode always discovers the read-only host instead.
   */
  private final Optional<String> fixedHost;
  private final AsyncMemo<Session> session;
  private final AsyncMemo<String> host;
  private volatile HostDiscovery.BranchEndpoint branchEndpoint;
  private volatile long hostDiscoveredAtNanos;
  private volatile boolean closed;
  /** Released by {@link #close()} so a connect waiting to retry stops at once. */
  private final CountDownLatch closing = new CountDownLatch(1);

  /**
   * Creates a connector; nothing is looked up until the first connect.
   *
   * @param config the configuration
   */
  public Connector(LakebaseConfig config) {
    this.config = config;
    this.target = config.target();
    this.targetDescription = config.describeTarget();
    this.listeners = new Listeners(config.listeners());
    this.backoff = new Backoff(config.initialBackoff(), config.maxBackoff());
    this.coldStartBackoff = new Backoff(config.initialBackoff(),
        config.maxBackoff().compareTo(COLD_START_MAX_BACKOFF) < 0
            ? config.maxBackoff() : COLD_START_MAX_BACKOFF);
    this.resolver = new LastKnownGoodResolver(config.hostResolver());
    this.physical = new PhysicalConnector(config);
    this.fixedHost = config.readOnly() ? Optional.empty() : config.host();
    this.session = new AsyncMemo<>("the workspace identity and credential setup of "
        + targetDescription, LakebaseExecutors.workspaceCalls(), this::resolveSession);
    this.host = new AsyncMemo<>("the host of " + targetDescription,
        LakebaseExecutors.workspaceCalls(), this::discoverHost);
  }

  /**
   * Opens a physical connection, retrying transient failures within the connect budget.
   *
   * @return the connection
   * @throws SQLException with a message saying what to fix
   */
  public Connection connect() throws SQLException {
    Attempt a = begin();
    while (true) {
      a.start();
      try {
        Session s = session.get(a.deadline);
        a.token = s.cache().get(a.deadline).token();
        a.endpointHost = host.get(a.deadline);
        InetAddress[] addresses = physical.resolvesHosts() ? resolve(a.endpointHost) : null;
        a.loggingIn();
        PhysicalConnector.Opened opened = physical.open(a.endpointHost, addresses, s.user(),
            a.token, a.deadline.cappedAt(config.connectTimeout()));
        a.succeeded(opened.serverHeld());
        return opened.connection();
      } catch (SQLException | CredentialException | UnknownHostException e) {
        Step step = a.failed(Failure.classify(e, a.token));
        if (step.error() != null) {
          throw step.error();
        }
        if (!step.delay().isZero()) {
          awaitRetry(step.delay());
        }
      }
    }
  }

  /**
   * Starts one logical connect (one {@code getConnection()}, or one connect of an integration
   * such as R2DBC): its budget starts now.
   *
   * @return the connect's state
   */
  public Attempt begin() {
    forgetStaleSession();
    return new Attempt();
  }

  /**
   * What one physical attempt needs.
   *
   * @param user the login role
   * @param token the password: a currently valid token from the shared cache (a secret)
   * @param host the endpoint host name, for TLS SNI and certificate checks
   * @param addresses where {@code host} resolved to, to try in order
   */
  public record Prepared(String user, String token, String host, InetAddress[] addresses) {
    @Override
    public String toString() {
      return "Prepared[user=" + user + ", host=" + host + ", token=" + Secrets.REDACTED + "]";
    }
  }

  /**
   * What to do after a failed attempt: retry after {@code delay} (zero for the one immediate
   * retry with a fresh token after a rejected login), or give up with {@code error}.
   *
   * @param failure the classified failure
   * @param delay the backoff before the next attempt, when retrying
   * @param error the connect's failure, with a message saying what to fix, when giving up
   */
  public record Step(Failure failure, Duration delay, SQLException error) {}

  /**
   * One logical connect: its deadline ({@code connectBudget}) and what happened so far. The
   * decisions after a failure (retry or not, which backoff, one re-mint after a rejected login,
   * the final message) are the same whether the attempts are made by {@link #connect()} or by an
   * integration through {@link #prepareAsync()}. Used by one connect at a time.
   */
  public final class Attempt {

    private final Deadline deadline = Deadline.after(config.connectBudget());
    private int attempt;
    private int retries;
    private int coldStartFailures;
    private boolean reminted;
    private long firstAttemptNanos;
    /** The host of the latest attempt, once known. */
    private volatile String endpointHost = fixedHost.orElse(null);
    /** The token of the current attempt, {@code null} until it obtained one. */
    private volatile String token;

    private Attempt() {}

    /**
     * Starts the next physical attempt.
     *
     * @throws SQLException when the connector was closed
     */
    void start() throws SQLException {
      if (closed) {
        // A pool shutting down waits for its connection adder: don't keep it retrying.
        throw closedException();
      }
      attempt++;
      token = null;
    }

    /**
     * Starts the next physical attempt and gathers what it needs (login user, a credential from
     * the shared cache, the endpoint host, its addresses) without blocking the caller: steps that
     * are cached complete at once; a mint, a discovery and the name resolution run on the
     * library's workspace-call threads, and the future completes there. Each wait is bounded by
     * the connect budget (a {@link CredentialException} "still waiting for ...").
     *
     * @return what the attempt needs; fails with the cause to pass to {@link #failed(Throwable)}
     */
    public CompletableFuture<Prepared> prepareAsync() {
      try {
        start();
      } catch (SQLException e) {
        return CompletableFuture.failedFuture(e);
      }
      return AsyncMemo.within(session.getAsync(), deadline, session.description())
          .thenCompose(s -> AsyncMemo.within(s.cache().getAsync(), deadline, s.cache().waitingFor())
              .thenCompose(credential -> {
                token = credential.token();
                return AsyncMemo.within(host.getAsync(), deadline, host.description())
                    .thenCompose(h -> {
                      endpointHost = h;
                      return AsyncMemo.within(resolveAsync(h), deadline, "the addresses of " + h)
                          .thenApply(addresses -> {
                            loggingIn();
                            return new Prepared(s.user(), credential.token(), h, addresses);
                          });
                    });
              }));
    }

    /**
     * The time one physical attempt (TCP + TLS + login) may take: {@code connectTimeout}, capped
     * at what is left of the budget.
     *
     * @return the attempt's time
     */
    public Duration attemptTimeout() {
      return deadline.cappedAt(config.connectTimeout()).remaining();
    }

    /**
     * Time since the connect began.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
      return deadline.elapsed();
    }

    /**
     * Physical attempts started so far.
     *
     * @return the count
     */
    public int attempts() {
      return attempt;
    }

    void loggingIn() {
      if (firstAttemptNanos == 0) {
        firstAttemptNanos = System.nanoTime();
      }
    }

    /**
     * Records a successful attempt: listener event, and the cold-start log line and event when
     * the connect waited for a wake.
     *
     * @param serverHeld whether the server held the login noticeably (a wake without 57P03)
     */
    public void succeeded(boolean serverHeld) {
      publish(endpointHost, attempt, Outcome.SUCCESS, null, deadline, null);
      if (coldStartFailures > 0 || serverHeld) {
        Duration waited = Duration.ofNanos(System.nanoTime() - firstAttemptNanos);
        log.info("{} woke from suspend; the connect waited {} ms (attempts: {})",
            targetDescription, waited.toMillis(), attempt);
        listeners.coldStart(new ColdStartEvent(targetDescription, waited, attempt));
      }
    }

    /**
     * Classifies what a failed attempt threw (a {@link SQLException}, {@link
     * CredentialException}, network exception, or a {@link java.util.concurrent.CompletionException}
     * around one) and decides what to do next; see {@link #failed(Failure)}.
     *
     * @param e the failure
     * @return the next step
     */
    public Step failed(Throwable e) {
      Throwable cause = e;
      while ((cause instanceof CompletionException || cause instanceof ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (closed) {
        return new Step(Failure.classify(cause, token), Duration.ZERO, closedException());
      }
      return failed(Failure.classify(cause, token));
    }

    /**
     * Decides what to do after a failed attempt: a rejected login drops the token and retries
     * once at once; other transient failures back off (exponential with jitter, capped at 200 ms
     * while the endpoint wakes) while the budget allows; everything else fails with a message
     * saying what to fix. Publishes the attempt's listener event.
     *
     * @param failure the classified failure
     * @return the next step
     */
    public Step failed(Failure failure) {
      String host = endpointHost;
      Failure last = describe(failure, host);
      if (last.kind() == FailureKind.COLD_START) {
        coldStartFailures++;
      }
      if (last.kind() == FailureKind.DNS) {
        maybeRediscover();
      }
      String used = token;
      if (last.kind() == FailureKind.AUTHENTICATION && !reminted && used != null) {
        // The token may have been revoked or minted for another scope: one fresh try.
        reminted = true;
        Session s = session.peek();
        if (s != null) {
          s.cache().invalidate(used);
        }
        publish(host, attempt, Outcome.RETRYING, last, deadline, used);
        return new Step(last, Duration.ZERO, null);
      }
      Duration delay = (last.kind() == FailureKind.COLD_START ? coldStartBackoff : backoff)
          .delay(++retries);
      if (!last.retryable() || last.kind() == FailureKind.AUTHENTICATION
          || deadline.remaining().compareTo(delay) <= 0) {
        publish(host, attempt, Outcome.FAILED, last, deadline, used);
        return new Step(last, delay, failure(last, attempt, host, session.peek()));
      }
      publish(host, attempt, Outcome.RETRYING, last, deadline, used);
      log.debug("Connect attempt {} to {} failed ({}: {}); retrying in {} ms", attempt,
          targetDescription, last.kind(), last.description(), delay.toMillis());
      return new Step(last, delay, null);
    }
  }

  /**
   * A credential for this configuration's target, without connecting (the pgjdbc auth plugin
   * path), waiting at most {@code connectBudget}.
   *
   * @return the credential
   * @throws CredentialException when none could be obtained in time
   */
  public DatabaseCredential credential() throws CredentialException {
    forgetStaleSession();
    Deadline deadline = Deadline.after(config.connectBudget());
    return session.get(deadline).cache().get(deadline);
  }

  /**
   * The shared credential cache's status, or an empty one before the first connect.
   *
   * @return the status
   */
  public CredentialStatus credentialStatus() {
    Session s = session.peek();
    if (s != null) {
      return s.cache().status();
    }
    return new CredentialStatus(targetDescription, config.user(), Optional.empty(),
        Optional.empty(), Optional.empty(), 0, 0);
  }

  /**
   * The endpoint host once known.
   *
   * @return the host, if known
   */
  public Optional<String> knownHost() {
    return Optional.ofNullable(fixedHost.orElse(host.peek()));
  }

  /** Releases the shared credential cache (its background refresh stops when unused). */
  @Override
  public void close() {
    Session s;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      s = session.peek();
    }
    closing.countDown();
    if (s != null) {
      s.cache().release(listeners);
    }
  }

  /**
   * After {@code LakebaseRuntime.reset()} the identity, cache and host resolved before belong to
   * the old generation: drop them so this connect starts from nothing, as a new DataSource would.
   */
  private void forgetStaleSession() {
    Session s = session.peek();
    if (s != null && s.generation() != SharedState.generation()) {
      synchronized (this) {
        if (session.peek() == s) {
          session.reset();
          host.reset();
          branchEndpoint = null;
          s.cache().release(listeners);
        }
      }
    }
  }

  private Session resolveSession() throws CredentialException {
    int generation = SharedState.generation();
    String endpointPath = null;
    if (target instanceof LakebaseTarget.Branch b) {
      HostDiscovery.BranchEndpoint found =
          HostDiscovery.branchEndpoint(workspace(), b, config.readOnly());
      branchEndpoint = found;
      endpointPath = found.endpointPath();
    }
    String user = config.user().isPresent() ? config.user().get()
        : WorkspaceClients.identity(workspace());
    WorkspaceCredentialProvider.Request request = WorkspaceCredentialProvider.Request.of(config);
    CredentialProvider provider = config.credentialProvider().isPresent()
        ? config.credentialProvider().get()
        : target instanceof LakebaseTarget.Instance i
            ? WorkspaceCredentialProvider.provisioned(workspace(), i.name(), user, request)
            : WorkspaceCredentialProvider.autoscaling(workspace(),
                endpointPath != null ? endpointPath : ((LakebaseTarget.Endpoint) target).path(), user,
                request);
    CredentialCache cache = CredentialRegistry.shared().cacheFor(provider, user,
        new CredentialCache.Settings(config.refreshAhead(), config.minTokenValidity(),
            config.refreshStrategy() == RefreshStrategy.LAZY));
    synchronized (this) {
      if (!closed) {
        cache.retain(listeners);
      }
    }
    return new Session(user, cache, generation);
  }

  private String discoverHost() throws CredentialException {
    if (fixedHost.isPresent()) {
      return fixedHost.get();
    }
    String discovered;
    if (target instanceof LakebaseTarget.Endpoint e) {
      discovered = HostDiscovery.endpointHost(workspace(), e.path(), config.readOnly());
    } else if (target instanceof LakebaseTarget.Instance i) {
      discovered = HostDiscovery.instanceHost(workspace(), i.name(), config.readOnly());
    } else {
      // A branch: the first lookup was done with the session; later ones re-discover.
      HostDiscovery.BranchEndpoint known = branchEndpoint;
      branchEndpoint = null;
      discovered = known != null ? known.host()
          : HostDiscovery.branchEndpoint(workspace(), (LakebaseTarget.Branch) target, config.readOnly())
              .host();
    }
    hostDiscoveredAtNanos = System.nanoTime();
    log.debug("{} is served by host {}", targetDescription, discovered);
    return discovered;
  }

  private WorkspaceClient workspace() throws CredentialException {
    return config.workspaceClient().isPresent() ? config.workspaceClient().get()
        : WorkspaceClients.shared(config.workspaceAuth());
  }

  /** Name resolution may block (DNS): off the caller's thread. */
  private CompletableFuture<InetAddress[]> resolveAsync(String hostName) {
    CompletableFuture<InetAddress[]> f = new CompletableFuture<>();
    LakebaseExecutors.workspaceCalls().execute(() -> {
      try {
        f.complete(resolve(hostName));
      } catch (UnknownHostException | RuntimeException e) {
        f.completeExceptionally(e);
      }
    });
    return f;
  }

  private SQLException closedException() {
    return new SQLNonTransientConnectionException("The Lakebase DataSource for "
        + targetDescription + " was closed", "08003");
  }

  /**
   * Whether {@link #close()} was called.
   *
   * @return {@code true} once closed
   */
  public boolean isClosed() {
    return closed;
  }

  private InetAddress[] resolve(String hostName) throws UnknownHostException {
    InetAddress[] addresses = resolver.resolve(hostName);
    if (addresses == null || addresses.length == 0) {
      throw new UnknownHostException(hostName + " (resolver returned no address)");
    }
    return addresses;
  }

  /** A host that stopped resolving may have moved: look it up again, at most once a minute. */
  private void maybeRediscover() {
    if (fixedHost.isEmpty() && host.peek() != null
        && System.nanoTime() - hostDiscoveredAtNanos > REDISCOVERY_INTERVAL.toNanos()) {
      host.reset();
    }
  }

  private Failure describe(Failure f, String endpointHost) {
    if (f.kind() != FailureKind.DNS) {
      return f;
    }
    return new Failure(f.kind(), f.retryable(),
        "DNS lookup of " + endpointHost + " failed (" + f.description() + ")", f.sqlState(),
        f.cause());
  }

  private SQLException failure(Failure f, int attempts, String endpointHost, Session s) {
    String at = endpointHost == null ? "" : " at " + endpointHost;
    if (f.kind() == FailureKind.AUTHENTICATION) {
      String user = s == null ? config.user().orElse("?") : s.user();
      return new SQLInvalidAuthorizationSpecException(
          "Lakebase rejected the login of user '" + user + "' to " + targetDescription + at
              + " with a fresh token: " + f.description() + ". Check user: it must be the"
              + " identity the token is minted for (the workspace identity, or PGUSER in"
              + " Databricks Apps), and the credential must be scoped to " + targetDescription,
          f.sqlState(), f.cause());
    }
    if (!f.retryable()) {
      String message = f.kind() == FailureKind.CREDENTIAL_UNAVAILABLE
          ? "Could not obtain a credential for " + targetDescription + ": " + f.description()
          : "Could not connect to " + targetDescription + at + ": " + f.description()
              + permanentHint(f);
      return new SQLNonTransientConnectionException(message,
          f.sqlState() == null ? "08001" : f.sqlState(), f.cause());
    }
    String budget = DurationText.format(config.connectBudget());
    String hint = f.kind() == FailureKind.CREDENTIAL_UNAVAILABLE
        ? "check the workspace API and the workspace client's authentication, or raise"
            + " connectBudget"
        : f.kind() == FailureKind.DNS
            ? "check DNS for " + endpointHost + ", or raise connectBudget"
            : "raise connectBudget or check the endpoint state";
    String what = f.kind() == FailureKind.CREDENTIAL_UNAVAILABLE
        ? "Could not obtain a credential for " + targetDescription
        : "Could not connect to " + targetDescription + at;
    return new SQLTransientConnectionException(
        what + " within " + budget + " (" + attempts
            + (attempts == 1 ? " attempt" : " attempts") + ", last failure: " + f.description()
            + "); " + hint, "08001", f.cause());
  }

  private static String permanentHint(Failure f) {
    if ("3D000".equals(f.sqlState())) {
      return "; check database (PGDATABASE)";
    }
    for (Throwable c = f.cause(); c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return "; check sslmode and sslrootcert";
      }
    }
    return "";
  }

  private void publish(String endpointHost, int attempt, Outcome outcome, Failure f,
      Deadline deadline, String token) {
    listeners.connectAttempt(new ConnectAttemptEvent(targetDescription, endpointHost, attempt,
        outcome, f == null ? null : f.kind(), deadline.elapsed(),
        f == null ? null : Secrets.redact(f.description(), token)));
  }

  /** Waits out a retry backoff; returns early when the connector is closed. */
  private void awaitRetry(Duration delay) throws SQLException {
    try {
      closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLTransientConnectionException("Interrupted while waiting to retry a connect",
          "08001", e);
    }
  }
}
