package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.EmulatedCompute.Kind;
import dev.lakebase.testkit.EmulatedCompute.State;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One emulated compute: its names, its scale-to-zero state machine and its open sessions.
 * State changes are guarded by this object's monitor; held logins wait on it.
 */
public final class Compute {

  /** How a suspended compute answers a login. */
  public enum WakeMode { HOLD, REFUSE, NEVER }

  private final String name;
  private final Kind kind;
  private final boolean readOnly;
  private final String host;
  private final String readOnlyHost;
  private final String pooledHost;
  private final String readOnlyPooledHost;
  private final String uid;
  private final Instant createdAt = Instant.now();
  private final Set<PgSession> sessions = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService scheduler;
  private final Consumer<Duration> onSessionClosed;

  private State state = State.ACTIVE;
  private WakeMode wakeMode = WakeMode.HOLD;
  private Duration wakePeriod = Duration.ZERO;
  private Instant wakeReadyAt;
  private long wakeups;
  /** Incremented by every suspend: a login admitted before it must not open a session after it. */
  private long epoch;
  private Duration autoSuspendAfter;
  private Instant idleSince = Instant.now();
  private ScheduledFuture<?> idleCheck;

  /**
   * @param name endpoint path or instance name
   * @param kind endpoint or instance
   * @param readOnly a READ_ONLY endpoint
   * @param scheduler runs auto-suspend checks
   * @param onSessionClosed receives the whole life of every session that closes
   */
  public Compute(String name, Kind kind, boolean readOnly, ScheduledExecutorService scheduler,
      Consumer<Duration> onSessionClosed) {
    this.name = name;
    this.kind = kind;
    this.readOnly = readOnly;
    this.scheduler = scheduler;
    this.onSessionClosed = onSessionClosed;
    String suffix = shortHash(kind + ":" + name);
    if (kind == Kind.AUTOSCALING_ENDPOINT) {
      String id = label(name.substring(name.lastIndexOf('/') + 1));
      this.host = "ep-" + id + "-" + suffix + ".lakebase.test";
      this.readOnlyHost = "ep-" + id + "-" + suffix + "-ro.lakebase.test";
      // Lakebase's built-in PgBouncer hosts (Neon's "-pooler" names): reported by the API,
      // refusing OAuth logins as the real ones do.
      this.pooledHost = "ep-" + id + "-" + suffix + "-pooler.lakebase.test";
      this.readOnlyPooledHost = "ep-" + id + "-" + suffix + "-ro-pooler.lakebase.test";
    } else {
      String id = label(name);
      this.host = "instance-" + id + "-" + suffix + ".database.lakebase.test";
      this.readOnlyHost = "instance-ro-" + id + "-" + suffix + ".database.lakebase.test";
      this.pooledHost = null; // Provisioned instances report no pooled hosts
      this.readOnlyPooledHost = null;
    }
    this.uid = UUID.nameUUIDFromBytes(host.getBytes(StandardCharsets.UTF_8)).toString();
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public String host() {
    return host;
  }

  public String readOnlyHost() {
    return readOnlyHost;
  }

  /** @return the pooled (PgBouncer) host name of an endpoint, null for an instance */
  public String pooledHost() {
    return pooledHost;
  }

  /** @return the read-only pooled host name of an endpoint, null for an instance */
  public String readOnlyPooledHost() {
    return readOnlyPooledHost;
  }

  public String uid() {
    return uid;
  }

  public Instant createdAt() {
    return createdAt;
  }

  /** @return "endpoint" or "instance", for messages */
  public String kindNoun() {
    return kind == Kind.AUTOSCALING_ENDPOINT ? "endpoint" : "instance";
  }

  // ---- scale to zero ----------------------------------------------------------------------

  public synchronized State state() {
    settleWake(Instant.now());
    return state;
  }

  public synchronized long wakeups() {
    return wakeups;
  }

  /**
   * Applies the wake behaviour for a login: returns at once when ACTIVE, waits out a hold, or
   * refuses.
   *
   * @return the suspend epoch the login was admitted in (pass it to {@link #sessionOpened}), or
   *     {@code -1} when the login must be refused with 57P03
   * @throws InterruptedException if the session thread is interrupted (emulator closing)
   */
  public synchronized long admitLogin() throws InterruptedException {
    Instant now = Instant.now();
    settleWake(now);
    if (state == State.ACTIVE) {
      return epoch;
    }
    if (wakeMode == WakeMode.NEVER) {
      return -1;
    }
    if (state == State.IDLE) {
      state = State.WAKING;
      wakeReadyAt = now.plus(wakePeriod);
      wakeups++;
      settleWake(now);
    }
    if (wakeMode == WakeMode.HOLD) {
      while (state == State.WAKING) {
        long waitMillis = Math.max(1, Duration.between(Instant.now(), wakeReadyAt).toMillis());
        wait(waitMillis);
        settleWake(Instant.now());
      }
    }
    return state == State.ACTIVE ? epoch : -1;
  }

  /** A wake in progress completes once its period is over (unless the compute must never wake). */
  private void settleWake(Instant now) {
    if (state == State.WAKING && wakeMode != WakeMode.NEVER && !now.isBefore(wakeReadyAt)) {
      becomeActive(now);
    }
  }

  private void becomeActive(Instant now) {
    state = State.ACTIVE;
    idleSince = now;
    notifyAll();
    scheduleIdleCheck();
  }

  public void suspend() {
    synchronized (this) {
      epoch++;
      state = State.IDLE;
      cancelIdleCheck();
      notifyAll();
    }
    killSessions(Duration.ZERO);
  }

  public synchronized void wake() {
    if (state != State.ACTIVE) {
      becomeActive(Instant.now());
    }
  }

  public synchronized void wakeBehaviour(WakeMode mode, Duration period) {
    wakeMode = mode;
    wakePeriod = period;
    if (mode == WakeMode.NEVER && state == State.WAKING) {
      state = State.IDLE;
    }
    notifyAll();
  }

  public synchronized void autoSuspendAfter(Duration idle) {
    autoSuspendAfter = idle == null || idle.isZero() || idle.isNegative() ? null : idle;
    idleSince = Instant.now();
    scheduleIdleCheck();
  }

  /** Back to the initial state: ACTIVE, wake hold(0), no auto-suspend, wake counter cleared. */
  public synchronized void reset() {
    wakeBehaviour(WakeMode.HOLD, Duration.ZERO);
    autoSuspendAfter(null);
    wakeups = 0;
    wake();
  }

  private void scheduleIdleCheck() {
    cancelIdleCheck();
    if (autoSuspendAfter == null || state != State.ACTIVE || !sessions.isEmpty()) {
      return;
    }
    long delay = Math.max(0, Duration.between(Instant.now(), idleSince.plus(autoSuspendAfter)).toMillis());
    idleCheck = scheduler.schedule(this::suspendIfIdle, delay, TimeUnit.MILLISECONDS);
  }

  private void cancelIdleCheck() {
    if (idleCheck != null) {
      idleCheck.cancel(false);
      idleCheck = null;
    }
  }

  private synchronized void suspendIfIdle() {
    if (autoSuspendAfter == null || state != State.ACTIVE || !sessions.isEmpty()) {
      return;
    }
    if (Instant.now().isBefore(idleSince.plus(autoSuspendAfter))) {
      scheduleIdleCheck();
      return;
    }
    state = State.IDLE;
    idleCheck = null;
  }

  // ---- sessions ---------------------------------------------------------------------------

  /**
   * Registers a session whose login completed.
   *
   * @param session the session
   * @param admittedEpoch what {@link #admitLogin()} returned for it
   * @return false when the compute was suspended since the login was admitted: the session must
   *     be dropped, as a compute going away drops a login in progress
   */
  synchronized boolean sessionOpened(PgSession session, long admittedEpoch) {
    if (admittedEpoch != epoch) {
      return false;
    }
    sessions.add(session);
    cancelIdleCheck();
    return true;
  }

  void sessionClosed(PgSession session) {
    boolean removed;
    synchronized (this) {
      removed = sessions.remove(session);
      if (removed && sessions.isEmpty()) {
        idleSince = Instant.now();
        scheduleIdleCheck();
      }
    }
    if (removed) {
      onSessionClosed.accept(session.age(Instant.now()));
    }
  }

  public int activeSessions() {
    return sessions.size();
  }

  public Duration oldestSessionAge() {
    Instant now = Instant.now();
    return sessions.stream().map(s -> s.age(now)).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /**
   * Closes every session at least {@code age} old.
   *
   * @param age minimum age
   * @return the number of sessions closed
   */
  public int killSessions(Duration age) {
    Instant now = Instant.now();
    int killed = 0;
    for (PgSession session : List.copyOf(sessions)) {
      if (session.age(now).compareTo(age) >= 0) {
        session.kill();
        killed++;
      }
    }
    return killed;
  }

  // ---- names ------------------------------------------------------------------------------

  /** A DNS label made from a name: lower case, letters, digits and dashes, at most 40 chars. */
  private static String label(String raw) {
    String s = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-");
    s = s.replaceAll("^-|-$", "");
    if (s.isEmpty()) {
      s = "x";
    }
    return s.length() > 40 ? s.substring(0, 40) : s;
  }

  /** Six hex digits derived from the name, stable across restarts (like a Neon id suffix). */
  private static String shortHash(String text) {
    return Fingerprints.sha256Hex(text, 3);
  }

  @Override
  public String toString() {
    return kindNoun() + " " + name;
  }
}
