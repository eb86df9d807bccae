package dev.lakebase.pool;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.iam.MeRequest;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.slf4j.LoggerFactory;

/**
 * On-behalf-of-user connections for Databricks Apps with user authorization: a small pool per
 * signed-in user, whose sessions log in as the user's own PostgreSQL role, so that grants and
 * row-level security apply per user instead of one service principal seeing everything.
 *
 * <p>The app hands over the user's workspace token (what Databricks Apps forward in {@code
 * X-Forwarded-Access-Token}) and gets a {@link DataSource} for that user:
 *
 * <pre>{@code
 * LakebaseUserPools users = LakebaseUserPools.builder(LakebaseConfig.fromEnvironment()).build();
 * try (Connection c = users.forToken(request.getHeader("X-Forwarded-Access-Token")).getConnection()) {
 *   ... // current_user is the signed-in user's role
 * }
 * }</pre>
 *
 * <ul>
 *   <li>The user's identity is looked up once per token ({@code currentUser().me()}, cached).
 *   <li>Database credentials are minted with the user's workspace token through the same shared
 *       credential cache as every DataSource (one per endpoint and identity, refreshed ahead of
 *       expiry, single-flight), asking for the base configuration's {@code tokenTtl} and READ_ONLY
 *       claims. A changed token (the user signed in again) is used for the next mint.
 *   <li>Each user's pool is small ({@link Builder#maxPoolSizePerUser}, 3 by default), closed after
 *       {@link Builder#idleTimeout} without a borrow, and there are at most {@link
 *       Builder#maxUsers} of them: the least recently used idle pool makes room for a new user, so
 *       the connections of all users together never exceed {@code maxUsers x maxPoolSizePerUser}.
 *       When every pool is in use a new user gets a transient error (SQLSTATE 53300) instead.
 *   <li>A connection is only ever handed out by the pool of the identity it logged in as.
 *   <li>A rejected user token (HTTP 401/403 from the workspace) fails that user's request at once
 *       with a {@link LakebaseUserTokenException}; it is not retried and other users are not
 *       affected.
 *   <li>No token and no raw identity appears in a log line, message, {@code toString()}, pool
 *       name or metric tag: users are named by a short hash of their identity ({@link
 *       #userTag(String)}).
 * </ul>
 *
 * <p>Host discovery uses the base configuration's workspace client (the app's service
 * principal); the base configuration must name an Autoscaling endpoint or a Provisioned instance.
 */
public final class LakebaseUserPools implements AutoCloseable {

  /** Default largest pool of one user. */
  public static final int DEFAULT_MAX_POOL_SIZE_PER_USER = 3;
  /** Default largest number of user pools. */
  public static final int DEFAULT_MAX_USERS = 20;
  /** Default time without a borrow after which a user's pool is closed. */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(LakebaseUserPools.class);
  private static final AtomicInteger INSTANCES = new AtomicInteger();

  private final LakebaseConfig base;
  private final LakebasePoolConfig poolTemplate;
  private final int maxUsers;
  private final int maxPoolSizePerUser;
  private final Duration idleTimeout;
  private final String explicitWorkspaceHost;
  private volatile String workspaceHost;
  private final String instanceId;
  private final ScheduledExecutorService housekeeping;
  /** Per identity; survives its pool so that the shared credential cache keeps one provider. */
  private final Map<String, UserCredentials> credentials = new ConcurrentHashMap<>();
  /** Token hash to the identity looked up with it (and the client built for it), LRU-bounded. */
  private final Map<String, Lookup> lookups;
  private final Map<String, CompletableFuture<Lookup>> lookupsInFlight = new ConcurrentHashMap<>();
  /** Identity to pool, in access order (least recently used first); guarded by {@code this}. */
  private final LinkedHashMap<String, UserPool> pools = new LinkedHashMap<>(16, 0.75f, true);
  private long poolsCreated;
  private long poolsEvicted;
  private long poolsClosedIdle;
  private long identityLookups;
  private volatile boolean closed;

  private LakebaseUserPools(Builder b) {
    this.base = b.base;
    this.maxUsers = b.maxUsers;
    this.maxPoolSizePerUser = b.maxPoolSizePerUser;
    this.idleTimeout = b.idleTimeout;
    this.explicitWorkspaceHost = b.workspaceHost;
    this.poolTemplate = b.pool.toBuilder().maximumPoolSize(maxPoolSizePerUser)
        .minimumIdle(0).readOnlyRouting(false).build();
    this.instanceId = Integer.toString(INSTANCES.incrementAndGet());
    int lookupCap = Math.max(256, 4 * maxUsers);
    this.lookups = java.util.Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Lookup> eldest) {
            return size() > lookupCap;
          }
        });
    this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lakebase-user-pools-" + instanceId);
      t.setDaemon(true);
      return t;
    });
    long period = Math.max(1000, idleTimeout.toMillis() / 4);
    housekeeping.scheduleWithFixedDelay(this::closeIdlePools, period, period,
        TimeUnit.MILLISECONDS);
  }

  /**
   * A builder over the app's configuration (target, host, TLS, timing, {@code tokenTtl}, READ_ONLY
   * claims); its {@code user} and credential provider are replaced per user.
   *
   * @param base the configuration of the app's own (service principal) DataSource
   * @return the builder
   */
  public static Builder builder(LakebaseConfig base) {
    return new Builder(base);
  }

  /**
   * A DataSource for the user whose workspace token this is. Cheap: call it per request.
   *
   * @param workspaceToken the user's workspace OAuth token (e.g. {@code X-Forwarded-Access-Token})
   * @return the user's DataSource; its {@code getConnection()} throws {@link
   *     LakebaseUserTokenException} when the token is missing or rejected
   */
  public DataSource forToken(String workspaceToken) {
    return new UserDataSource(() -> workspaceToken);
  }

  /**
   * A DataSource for a user whose current workspace token the supplier returns, asked on every
   * {@code getConnection()} (so a refreshed token is used as soon as it is there).
   *
   * @param workspaceToken supplies the user's current workspace token
   * @return the user's DataSource
   */
  public DataSource forUser(Supplier<String> workspaceToken) {
    return new UserDataSource(Objects.requireNonNull(workspaceToken, "workspaceToken"));
  }

  /**
   * The identity a workspace token belongs to, looked up once per token.
   *
   * @param workspaceToken the user's workspace token
   * @return the user name (e-mail), which is also the user's PostgreSQL role
   * @throws SQLException {@link LakebaseUserTokenException} when the token is missing or
   *     rejected; transient when the workspace API is unavailable
   */
  public String identityOf(String workspaceToken) throws SQLException {
    return lookup(workspaceToken, hash(checked(workspaceToken))).identity();
  }

  /**
   * A short, stable, non-reversible tag for an identity, used in pool names, logs and metrics
   * instead of the identity.
   *
   * @param identity a user name
   * @return 8 hex digits of its SHA-256
   */
  public static String userTag(String identity) {
    return hash(identity).substring(0, 8);
  }

  /**
   * Counts for health and metrics; never names a user.
   *
   * @param pools user pools open now
   * @param active connections in use across all user pools
   * @param idle idle connections across all user pools
   * @param poolsCreated user pools created so far
   * @param poolsEvicted user pools closed to make room for another user
   * @param poolsClosedIdle user pools closed after {@code idleTimeout} without a borrow
   * @param identityLookups identity lookups made (one per distinct token)
   * @param maxUsers the cap on user pools
   * @param maxPoolSizePerUser the cap on one user's pool
   */
  public record Stats(int pools, int active, int idle, long poolsCreated, long poolsEvicted,
      long poolsClosedIdle, long identityLookups, int maxUsers, int maxPoolSizePerUser) {

    /**
     * The most connections all user pools may hold together.
     *
     * @return {@code maxUsers * maxPoolSizePerUser}
     */
    public int maxTotalConnections() {
      return maxUsers * maxPoolSizePerUser;
    }
  }

  /**
   * A snapshot of the counts.
   *
   * @return the stats
   */
  public synchronized Stats stats() {
    int active = 0;
    int idle = 0;
    for (UserPool p : pools.values()) {
      PoolStats s = p.pool.stats();
      active += s.active();
      idle += s.idle();
    }
    return new Stats(pools.size(), active, idle, poolsCreated, poolsEvicted, poolsClosedIdle,
        identityLookups, maxUsers, maxPoolSizePerUser);
  }

  /** Closes every user pool and the housekeeping thread. */
  @Override
  public void close() {
    List<UserPool> toClose;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      toClose = new ArrayList<>(pools.values());
      pools.clear();
    }
    housekeeping.shutdownNow();
    toClose.forEach(this::closePool);
    credentials.values().forEach(UserCredentials::forget);
    lookups.clear();
  }

  @Override
  public String toString() {
    return "LakebaseUserPools[" + base.describeTarget() + ", maxUsers=" + maxUsers
        + ", maxPoolSizePerUser=" + maxPoolSizePerUser + ", idleTimeout="
        + DurationText.format(idleTimeout) + "]";
  }

  // ---- per request --------------------------------------------------------------------------

  /**
   * The workspace URL users' tokens go to, found on first use: the base configuration's client
   * may be built lazily (resolving unified auth), and the app must boot without the workspace.
   */
  private String workspaceHost() {
    String host = workspaceHost;
    if (host == null) {
      host = Optional.ofNullable(explicitWorkspaceHost)
          .or(() -> base.workspaceAuth().host())
          .or(() -> base.workspaceClient().map(w -> w.config().getHost()))
          .or(() -> Optional.ofNullable(System.getenv("DATABRICKS_HOST")))
          .filter(h -> !h.isBlank())
          .orElseThrow(() -> new LakebaseConfigException("databricksHost", "Per-user pools"
              + " send users' tokens to the workspace: set databricksHost (DATABRICKS_HOST),"
              + " or supply a WorkspaceClient in the base configuration"));
      workspaceHost = host;
    }
    return host;
  }

  private static String checked(String token) throws LakebaseUserTokenException {
    if (token == null || token.isBlank()) {
      throw new LakebaseUserTokenException("No user token: the request carries no"
          + " X-Forwarded-Access-Token (enable user authorization for the Databricks App, and"
          + " sign in)", null);
    }
    return token.trim();
  }

  /** What a request needs: the user's pool, marked as being borrowed from. */
  private UserPool acquire(String token) throws SQLException {
    String tokenHash = hash(token);
    Lookup lookup = lookup(token, tokenHash);
    UserCredentials cred = credentials.computeIfAbsent(lookup.identity(), UserCredentials::new);
    cred.use(tokenHash, lookup.client());
    if (tokenHash.equals(cred.rejectedHash)) {
      throw cred.rejected();
    }
    List<UserPool> evicted = new ArrayList<>(1);
    UserPool p;
    try {
      synchronized (this) {
        if (closed) {
          throw new SQLNonTransientConnectionException(this + " is closed", "08003");
        }
        p = pools.get(lookup.identity());
        if (p == null) {
          if (pools.size() >= maxUsers) {
            evicted.add(evictLeastRecentlyUsed());
          }
          p = new UserPool(cred, createPool(cred));
          pools.put(lookup.identity(), p);
          poolsCreated++;
        }
        p.borrowers.incrementAndGet();
        p.lastUsedNanos = System.nanoTime();
      }
    } finally {
      evicted.forEach(this::closePool);
    }
    return p;
  }

  /** Caller holds the lock. */
  private UserPool evictLeastRecentlyUsed() throws SQLException {
    Iterator<UserPool> it = pools.values().iterator();
    while (it.hasNext()) {
      UserPool p = it.next();
      if (p.unused()) {
        it.remove();
        poolsEvicted++;
        log.debug("Evicting the pool of user {} to make room for another user", p.cred.tag);
        return p;
      }
    }
    throw new SQLTransientConnectionException("All " + maxUsers + " user pools of "
        + base.describeTarget() + " are in use: another user's request gets a pool when one is"
        + " free; raise maxUsers (lakebase.user-pools.max-users) if the endpoint's connection"
        + " limit allows " + maxUsers + " x " + maxPoolSizePerUser + " more", "53300");
  }

  private LakebasePooledDataSource createPool(UserCredentials cred) {
    LakebaseConfig core = base.toBuilder().user(cred.identity).credentialProvider(cred).build();
    LakebasePoolConfig config = poolTemplate.toBuilder()
        .poolName(poolTemplate.poolName() + "-user-" + cred.tag).build();
    LakebasePooledDataSource ds = LakebasePools.create(core, config);
    if (ds instanceof LakebaseHikariDataSource hikari) {
      // One housekeeping thread for all user pools, not one per user.
      hikari.setScheduledExecutor(housekeeping);
    }
    return ds;
  }

  private void closeIdlePools() {
    List<UserPool> idle = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      Iterator<UserPool> it = pools.values().iterator();
      while (it.hasNext()) {
        UserPool p = it.next();
        if (now - p.lastUsedNanos > idleTimeout.toNanos() && p.unused()) {
          it.remove();
          poolsClosedIdle++;
          idle.add(p);
        }
      }
    }
    idle.forEach(p -> {
      log.debug("Closing the pool of user {}: unused for {}", p.cred.tag,
          DurationText.format(idleTimeout));
      closePool(p);
    });
  }

  private void closePool(UserPool p) {
    try {
      p.pool.close();
    } catch (RuntimeException e) {
      log.debug("Closing the pool of user {} failed: {}", p.cred.tag, e.toString());
    }
    p.cred.forget();
  }

  private Lookup lookup(String token, String tokenHash) throws SQLException {
    Lookup known = lookups.get(tokenHash);
    if (known != null) {
      return known;
    }
    // Single-flight per token: the concurrent first requests of a user share one lookup.
    CompletableFuture<Lookup> mine = new CompletableFuture<>();
    CompletableFuture<Lookup> running = lookupsInFlight.putIfAbsent(tokenHash, mine);
    if (running != null) {
      try {
        return running.get(base.connectBudget().toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof SQLException se) {
          throw se;
        }
        throw new SQLTransientConnectionException("Looking up the user of a workspace token"
            + " failed: " + Secrets.redact(String.valueOf(e.getCause()), token), "08001");
      } catch (TimeoutException e) {
        throw new SQLTransientConnectionException("Still looking up the user of a workspace"
            + " token after connectBudget", "08001");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SQLTransientConnectionException("Interrupted", "08001", e);
      }
    }
    try {
      Lookup lookup = lookupNow(token);
      lookups.put(tokenHash, lookup);
      mine.complete(lookup);
      return lookup;
    } catch (SQLException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      lookupsInFlight.remove(tokenHash, mine);
    }
  }

  private Lookup lookupNow(String token) throws SQLException {
    WorkspaceClient client;
    String identity;
    try {
      client = new WorkspaceClient(new DatabricksConfig().setHost(workspaceHost()).setToken(token)
          .setAuthType("pat"));
      identity = client.currentUser().me(new MeRequest()).getUserName();
    } catch (RuntimeException e) {
      throw lookupFailure(e, token);
    }
    synchronized (this) {
      identityLookups++;
    }
    if (identity == null || identity.isBlank()) {
      throw new LakebaseUserTokenException(
          "The workspace returned no user name for the user's token", null);
    }
    return new Lookup(identity, client);
  }

  private SQLException lookupFailure(RuntimeException e, String token) {
    DatabricksError error = find(e, DatabricksError.class);
    String detail = Secrets.redact(String.valueOf(error != null ? error.getMessage()
        : e.getMessage()), token);
    if (error != null && (error.getStatusCode() == 401 || error.getStatusCode() == 403)) {
      return new LakebaseUserTokenException("The workspace rejected the user's token (HTTP "
          + error.getStatusCode() + ") while looking up the user: the user must sign in again",
          null);
    }
    boolean transientFailure = error == null ? find(e, IOException.class) != null
        : error.getStatusCode() == 429 || error.getStatusCode() >= 500;
    String message = "Looking up the user of a workspace token at " + workspaceHost()
        + " failed: " + detail;
    return transientFailure ? new SQLTransientConnectionException(message, "08001")
        : new SQLNonTransientConnectionException(message, "08001");
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  static String hash(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  // ---- parts --------------------------------------------------------------------------------

  /** An identity looked up with a token, and the client built for that token. */
  private record Lookup(String identity, WorkspaceClient client) {
    @Override
    public String toString() {
      return "Lookup[user " + userTag(identity) + "]";
    }
  }

  /** One user's pool; {@code borrowers} counts requests between acquire and getConnection. */
  private static final class UserPool {
    final UserCredentials cred;
    final LakebasePooledDataSource pool;
    final AtomicInteger borrowers = new AtomicInteger();
    volatile long lastUsedNanos = System.nanoTime();

    UserPool(UserCredentials cred, LakebasePooledDataSource pool) {
      this.cred = cred;
      this.pool = pool;
    }

    boolean unused() {
      PoolStats s = pool.stats();
      return borrowers.get() == 0 && s.active() == 0 && s.pending() == 0;
    }
  }

  /**
   * Mints database credentials for one identity with the user's latest workspace token. One per
   * identity for the life of the pools, so the shared credential cache (which keeps the provider
   * it was created with) always mints with the current token.
   */
  private final class UserCredentials implements CredentialProvider {
    final String identity;
    final String tag;
    private final String cacheKey;
    private volatile WorkspaceClient client;
    private volatile String tokenHash;
    private volatile String rejectedHash;

    UserCredentials(String identity) {
      this.identity = identity;
      this.tag = userTag(identity);
      String target = base.target() instanceof LakebaseTarget.Instance i ? "instance:" + i.name()
          : "endpoint:" + ((LakebaseTarget.Endpoint) base.target()).path();
      this.cacheKey = "user-pools#" + instanceId + "|" + workspaceHost() + "|" + target + "|"
          + identity + requestSuffix();
    }

    private String requestSuffix() {
      return base.tokenTtl().map(t -> "|ttl=" + t.toSeconds() + "s").orElse("")
          + (base.tokenPermissionSet().isPresent() ? "|READ_ONLY" + base.tokenTables() : "");
    }

    /** Records the token of a request; a new one is used for the next mint. */
    synchronized void use(String hash, WorkspaceClient latest) {
      if (!hash.equals(tokenHash)) {
        tokenHash = hash;
        client = latest;
      }
    }

    /** Drops the token (its pool was closed); the next request brings one again. */
    synchronized void forget() {
      client = null;
      tokenHash = null;
    }

    LakebaseUserTokenException rejected() {
      return new LakebaseUserTokenException("The workspace rejected the user's token while"
          + " minting a database credential for " + base.describeTarget()
          + ": the user must sign in again", null);
    }

    @Override
    public DatabaseCredential mint() throws CredentialException {
      WorkspaceClient w;
      String hash;
      synchronized (this) {
        w = client;
        hash = tokenHash;
      }
      if (w == null) {
        throw new CredentialException("No current workspace token for user " + tag
            + " (the user's pool was closed)", false, null);
      }
      try {
        return CredentialProviders.forTarget(w, base, identity).mint();
      } catch (CredentialException e) {
        DatabricksError error = find(e, DatabricksError.class);
        if (error != null && (error.getStatusCode() == 401 || error.getStatusCode() == 403)) {
          rejectedHash = hash;
          throw new CredentialException(rejected().getMessage(), false, null);
        }
        throw e;
      }
    }

    @Override
    public String cacheKey() {
      return cacheKey;
    }

    @Override
    public String description() {
      return base.describeTarget() + " for user " + tag;
    }

    @Override
    public String toString() {
      return "UserCredentials[user " + tag + "]";
    }
  }

  /** The DataSource handed to the app for one user. */
  private final class UserDataSource implements DataSource {
    private final Supplier<String> token;

    UserDataSource(Supplier<String> token) {
      this.token = token;
    }

    @Override
    public Connection getConnection() throws SQLException {
      String t = checked(token.get());
      UserPool p = acquire(t);
      try {
        if (p.pool.stats().idle() == 0) {
          // A new physical connect is likely: get the credential here, so a rejected token
          // fails this request now instead of after the pool's connection timeout.
          try {
            p.pool.lakebaseDataSource().ensureCredential();
          } catch (SQLException e) {
            if (hash(t).equals(p.cred.rejectedHash)) {
              throw p.cred.rejected();
            }
            throw e;
          }
        }
        return p.pool.getConnection();
      } finally {
        p.borrowers.decrementAndGet();
      }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException("A user's DataSource logs in as the user of its"
          + " workspace token: call getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
      // not used: the SDK logs through SLF4J
    }

    @Override
    public void setLoginTimeout(int seconds) {
      // the connect budget of the base configuration applies
    }

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      if (iface.isInstance(this)) {
        return iface.cast(this);
      }
      throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return iface.isInstance(this);
    }

    @Override
    public String toString() {
      return "LakebaseUserPools.UserDataSource[" + base.describeTarget() + "]";
    }
  }

  /** Builds {@link LakebaseUserPools}. */
  public static final class Builder {
    private final LakebaseConfig base;
    private LakebasePoolConfig pool = LakebasePoolConfig.builder().poolName("lakebase").build();
    private int maxUsers = DEFAULT_MAX_USERS;
    private int maxPoolSizePerUser = DEFAULT_MAX_POOL_SIZE_PER_USER;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private String workspaceHost;

    private Builder(LakebaseConfig base) {
      this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * The pool settings every user pool starts from (type, timeouts, lifetime); its size is
     * replaced by {@link #maxPoolSizePerUser}, its minimum idle by 0, its name gets {@code
     * -user-<tag>}.
     *
     * @param pool the template
     * @return this builder
     */
    public Builder pool(LakebasePoolConfig pool) {
      this.pool = Objects.requireNonNull(pool, "pool");
      return this;
    }

    /**
     * The most user pools open at once (20 by default); the least recently used idle one is
     * closed to make room.
     *
     * @param maxUsers at least 1
     * @return this builder
     */
    public Builder maxUsers(int maxUsers) {
      this.maxUsers = maxUsers;
      return this;
    }

    /**
     * The largest pool of one user (3 by default).
     *
     * @param maxPoolSizePerUser at least 1
     * @return this builder
     */
    public Builder maxPoolSizePerUser(int maxPoolSizePerUser) {
      this.maxPoolSizePerUser = maxPoolSizePerUser;
      return this;
    }

    /**
     * How long a user's pool stays open without a borrow (10 min by default).
     *
     * @param idleTimeout at least 1 s
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * The workspace URL users' tokens are sent to. Default: the base configuration's workspace
     * client or {@code databricksHost}, else {@code DATABRICKS_HOST} (set in Databricks Apps).
     *
     * @param workspaceHost e.g. {@code https://my-workspace.cloud.databricks.com}
     * @return this builder
     */
    public Builder workspaceHost(String workspaceHost) {
      this.workspaceHost = workspaceHost;
      return this;
    }

    /**
     * Validates and builds; opens nothing (each user's pool connects on the user's first
     * request).
     *
     * @return the pools
     * @throws LakebaseConfigException naming the setting to fix
     */
    public LakebaseUserPools build() {
      if (!(base.target() instanceof LakebaseTarget.Endpoint
          || base.target() instanceof LakebaseTarget.Instance)) {
        throw new LakebaseConfigException("endpoint", "Per-user pools mint credentials for an"
            + " Autoscaling endpoint or a Provisioned instance, not for " + base.describeTarget()
            + ": set endpoint (LAKEBASE_ENDPOINT) or instance");
      }
      if (maxUsers < 1) {
        throw new LakebaseConfigException("user-pools.max-users",
            "user-pools.max-users must be at least 1, got " + maxUsers);
      }
      if (maxPoolSizePerUser < 1) {
        throw new LakebaseConfigException("user-pools.max-pool-size-per-user",
            "user-pools.max-pool-size-per-user must be at least 1, got " + maxPoolSizePerUser);
      }
      if (idleTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new LakebaseConfigException("user-pools.idle-timeout",
            "user-pools.idle-timeout must be at least 1s, got " + DurationText.format(idleTimeout));
      }
      if (workspaceHost != null && workspaceHost.isBlank()) {
        workspaceHost = null;
      }
      return new LakebaseUserPools(this);
    }
  }
}
