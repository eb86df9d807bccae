package dev.lakebase.jdbc.integration;

import dev.lakebase.jdbc.internal.Connector;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * One logical connect of an integration (what a {@code getConnection()} is to JDBC): its budget
 * ({@code connectBudget}) starts when {@link LakebaseConnectSupport#begin()} returns it. The
 * integration drives the loop with its own I/O and scheduling; the core makes every decision, the
 * same as for JDBC:
 *
 * <pre>{@code
 * ConnectAttempts attempts = support.begin();
 * loop:
 *   LoginPlan plan = attempts.prepare()      // CompletableFuture: never blocks the caller
 *   try connecting to plan.addresses(), TLS SNI = plan.host(), within attempts.attemptTimeout()
 *   success -> attempts.succeeded()
 *   failure -> RetryDecision d = attempts.failed(ConnectFailure.serverError(...) or classify(...))
 *              d.retry() ? wait d.delay() (a timer, not a sleeping thread) and loop
 *                        : fail with d.exception()
 * }</pre>
 *
 * <p>A rejected login ({@code 28P01}/{@code 28000}) drops the token from the shared cache and is
 * retried once at once with a fresh one. Listener events ({@code LakebaseListener}) are published
 * as for JDBC. An instance is used by one connect at a time (steps happen one after another, on
 * whatever threads); it is not reusable for another connect.
 */
public final class ConnectAttempts {

  private final Connector.Attempt attempt;
  private final int port;
  private final String database;

  ConnectAttempts(Connector.Attempt attempt, int port, String database) {
    this.attempt = attempt;
    this.port = port;
    this.database = database;
  }

  /**
   * Starts the next physical attempt and gathers what it needs: the login user, a currently valid
   * token from the shared credential cache, the endpoint host and its addresses. In steady state
   * (token cached, host known) only the name resolution leaves the caller's thread; a mint, a
   * host discovery or an identity lookup run on the library's {@code lakebase-workspace-call-N}
   * threads and the future completes there, so an event-loop thread that calls this never
   * blocks. Every wait is bounded by the connect budget.
   *
   * @return the plan; fails (possibly wrapped in a {@link java.util.concurrent.CompletionException})
   *     with the cause to pass to {@link #failed(Throwable)}
   */
  public CompletableFuture<LoginPlan> prepare() {
    return attempt.prepareAsync().thenApply(p -> new LoginPlan(p.user(), p.token(), p.host(),
        port, database, Arrays.asList(p.addresses())));
  }

  /**
   * The time the physical attempt may take (TCP + TLS + login): {@code connectTimeout}, capped at
   * what is left of the budget.
   *
   * @return the attempt's time
   */
  public Duration attemptTimeout() {
    return attempt.attemptTimeout();
  }

  /**
   * Time since the connect began.
   *
   * @return the elapsed time
   */
  public Duration elapsed() {
    return attempt.elapsed();
  }

  /**
   * Physical attempts started so far.
   *
   * @return the count
   */
  public int attempts() {
    return attempt.attempts();
  }

  /** Records that the attempt logged in (listener event; cold-start log and event after a wake). */
  public void succeeded() {
    attempt.succeeded(false);
  }

  /**
   * Classifies what {@link #prepare()} or the attempt failed with (unwrapping {@link
   * java.util.concurrent.CompletionException}) with {@link ConnectFailure#classify} and decides
   * the next step.
   *
   * @param failure what failed
   * @return the decision
   */
  public RetryDecision failed(Throwable failure) {
    return decision(attempt.failed(failure));
  }

  /**
   * Decides the next step after a failure the integration classified itself (e.g. with {@link
   * ConnectFailure#serverError}).
   *
   * @param failure the classified failure
   * @return the decision
   */
  public RetryDecision failed(ConnectFailure failure) {
    return decision(attempt.failed(failure.toCore()));
  }

  private static RetryDecision decision(Connector.Step step) {
    return new RetryDecision(ConnectFailure.of(step.failure()), step.delay(), step.error());
  }
}
