package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.Compute;
import java.time.Duration;
import java.util.Objects;

/**
 * One emulated compute: an Autoscaling endpoint or a Provisioned instance. Every compute is served
 * by the emulator's single PostgreSQL proxy port and routed by its host name (TLS SNI).
 */
public final class EmulatedCompute {

  /** The kind of Lakebase compute. */
  public enum Kind {
    /** An Autoscaling endpoint ({@code projects/p/branches/b/endpoints/e}, {@code w.postgres()}). */
    AUTOSCALING_ENDPOINT,
    /** A Provisioned database instance ({@code w.database()}). */
    PROVISIONED_INSTANCE
  }

  /** Scale-to-zero state of a compute. */
  public enum State {
    /** Running: logins go straight through. */
    ACTIVE,
    /** Suspended: the next login triggers the {@link WakeBehaviour}. */
    IDLE,
    /** A login started the wake; it completes per the {@link WakeBehaviour}. */
    WAKING
  }

  private final Compute compute;
  private final int port;
  private final int directPort;
  private final int readOnlyDirectPort;

  EmulatedCompute(Compute compute, int port, int directPort, int readOnlyDirectPort) {
    this.compute = compute;
    this.port = port;
    this.directPort = directPort;
    this.readOnlyDirectPort = readOnlyDirectPort;
  }

  /** @return {@code projects/p/branches/b/endpoints/e} for an endpoint, the instance name for an instance */
  public String name() {
    return compute.name();
  }

  /** @return whether this is an Autoscaling endpoint or a Provisioned instance */
  public Kind kind() {
    return compute.kind();
  }

  /** @return true for a READ_ONLY endpoint: every session runs with {@code default_transaction_read_only=on} */
  public boolean readOnly() {
    return compute.readOnly();
  }

  /**
   * @return the compute's host name ({@code ep-<id>-<hex>.lakebase.test} or
   *     {@code instance-<name>-<hex>.database.lakebase.test}); it does not resolve via system DNS,
   *     use {@link LakebaseEmulator#dns()} or connect to {@link LakebaseEmulator#host()} with this
   *     name as TLS SNI
   */
  public String host() {
    return compute.host();
  }

  /** @return a second name of this compute (same token scope) whose sessions are read-only */
  public String readOnlyHost() {
    return compute.readOnlyHost();
  }

  /**
   * @return the endpoint's pooled (PgBouncer) host name, as the API reports it in {@code
   *     status.hosts.read_write_pooled_host}; logins with a token through it are refused (as on
   *     Lakebase, whose pooled hosts do not take OAuth roles). {@code null} for an instance
   */
  public String pooledHost() {
    return compute.pooledHost();
  }

  /** @return the PostgreSQL proxy port, the same for every compute ({@link LakebaseEmulator#port()}) */
  public int port() {
    return port;
  }

  /**
   * This compute's own port on {@code 127.0.0.1}: a connection to it reaches this compute without
   * DNS, SNI or an {@code endpoint=} option, so clients with no resolver hook (psql, DBeaver, a
   * plain JDBC URL, the SDK with {@code host=127.0.0.1}) connect with printed settings. A client
   * that sends a compute's real name as SNI is still routed by it; the certificate also names
   * {@code 127.0.0.1} and {@code localhost}, so host checks ({@code verify-full}) pass.
   *
   * @return the direct port of {@link #host()}
   */
  public int directPort() {
    return directPort;
  }

  /** @return the direct port of {@link #readOnlyHost()}: its sessions are read-only */
  public int readOnlyDirectPort() {
    return readOnlyDirectPort;
  }

  /** @return the current scale-to-zero state */
  public State state() {
    return compute.state();
  }

  /**
   * Suspends the compute like scale-to-zero does: every open session is closed (TCP close, the
   * client sees the connection drop on its next use) and the state becomes {@link State#IDLE}.
   */
  public void suspend() {
    compute.suspend();
  }

  /** Makes the compute {@link State#ACTIVE} now, releasing logins held or refused by a wake. */
  public void wake() {
    compute.wake();
  }

  /**
   * Sets what a login does while the compute is IDLE or WAKING (default {@code hold(ZERO)}).
   *
   * @param behaviour the wake behaviour, not null
   */
  public void wakeBehaviour(WakeBehaviour behaviour) {
    Objects.requireNonNull(behaviour, "behaviour");
    compute.wakeBehaviour(behaviour.mode(), behaviour.period());
  }

  /**
   * Enables scale-to-zero: the compute suspends itself once it has had no session for {@code idle}.
   *
   * @param idle idle time before suspending; {@code null} or zero disables auto-suspend
   */
  public void autoSuspendAfter(Duration idle) {
    compute.autoSuspendAfter(idle);
  }

  /**
   * Closes (TCP close) every session of this compute that has been open for at least {@code age},
   * like Lakebase closing long-lived sessions.
   *
   * @param age minimum session age to kill
   * @return the number of sessions killed
   */
  public int killSessionsOlderThan(Duration age) {
    Objects.requireNonNull(age, "age");
    return compute.killSessions(age);
  }

  /** @return the number of open proxied sessions of this compute */
  public int activeSessions() {
    return compute.activeSessions();
  }

  /** @return the age of the oldest open session of this compute, {@link Duration#ZERO} when none */
  public Duration oldestSessionAge() {
    return compute.oldestSessionAge();
  }

  /**
   * @return how many times this compute started waking from {@link State#IDLE} (since start or the
   *     last {@link LakebaseEmulator#reset()}): shows that a login hit a cold start
   */
  public long wakeups() {
    return compute.wakeups();
  }

  @Override
  public String toString() {
    return "EmulatedCompute[" + compute + ", host " + host() + ", " + state() + "]";
  }
}
