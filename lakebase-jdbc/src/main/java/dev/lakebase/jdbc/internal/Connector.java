package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseTarget;
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
import java.util.concurrent.CountDownLatch;
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
    forgetStaleSession();
    Deadline deadline = Deadline.after(config.connectBudget());
    int attempt = 0;
    int retries = 0;
    int coldStartFailures = 0;
    boolean reminted = false;
    long firstAttemptNanos = 0;
    String endpointHost = fixedHost.orElse(null);
    while (true) {
      if (closed) {
        // A pool shutting down waits for its connection adder: don't keep it retrying.
        throw new SQLNonTransientConnectionException("The Lakebase DataSource for "
            + targetDescription + " was closed", "08003");
      }
      attempt++;
      DatabaseCredential credential = null;
      try {
        Session s = session.get(deadline);
        credential = s.cache().get(deadline);
        endpointHost = host.get(deadline);
        InetAddress[] addresses = physical.resolvesHosts() ? resolve(endpointHost) : null;
        if (firstAttemptNanos == 0) {
          firstAttemptNanos = System.nanoTime();
        }
        PhysicalConnector.Opened opened = physical.open(endpointHost, addresses, s.user(),
            credential.token(), deadline.cappedAt(config.connectTimeout()));
        publish(endpointHost, attempt, Outcome.SUCCESS, null, deadline, null);
        if (coldStartFailures > 0 || opened.serverHeld()) {
          Duration waited = Duration.ofNanos(System.nanoTime() - firstAttemptNanos);
          log.info("{} woke from suspend; the connect waited {} ms (attempts: {})",
              targetDescription, waited.toMillis(), attempt);
          listeners.coldStart(new ColdStartEvent(targetDescription, waited, attempt));
        }
        return opened.connection();
      } catch (SQLException | CredentialException | UnknownHostException e) {
        String token = credential == null ? null : credential.token();
        Failure last = describe(Failure.classify(e, token), endpointHost);
        if (last.kind() == FailureKind.COLD_START) {
          coldStartFailures++;
        }
        if (last.kind() == FailureKind.DNS) {
          maybeRediscover();
        }
        if (last.kind() == FailureKind.AUTHENTICATION && !reminted && credential != null) {
          // The token may have been revoked or minted for another scope: one fresh try.
          reminted = true;
          session.peek().cache().invalidate(token);
          publish(endpointHost, attempt, Outcome.RETRYING, last, deadline, token);
          continue;
        }
        Duration delay = (last.kind() == FailureKind.COLD_START ? coldStartBackoff : backoff)
            .delay(++retries);
        if (!last.retryable() || last.kind() == FailureKind.AUTHENTICATION
            || deadline.remaining().compareTo(delay) <= 0) {
          publish(endpointHost, attempt, Outcome.FAILED, last, deadline, token);
          throw failure(last, attempt, endpointHost, session.peek());
        }
        publish(endpointHost, attempt, Outcome.RETRYING, last, deadline, token);
        log.debug("Connect attempt {} to {} failed ({}: {}); retrying in {} ms", attempt,
            targetDescription, last.kind(), last.description(), delay.toMillis());
        awaitRetry(delay);
      }
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
    CredentialProvider provider = config.credentialProvider().isPresent()
        ? config.credentialProvider().get()
        : target instanceof LakebaseTarget.Instance i
            ? WorkspaceCredentialProvider.provisioned(workspace(), i.name(), user)
            : WorkspaceCredentialProvider.autoscaling(workspace(),
                endpointPath != null ? endpointPath : ((LakebaseTarget.Endpoint) target).path(), user);
    CredentialCache cache = CredentialRegistry.shared().cacheFor(provider, user,
        new CredentialCache.Settings(config.refreshAhead(), config.minTokenValidity()));
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
