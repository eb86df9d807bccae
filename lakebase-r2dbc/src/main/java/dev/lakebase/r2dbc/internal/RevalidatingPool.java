package dev.lakebase.r2dbc.internal;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * r2dbc-pool's {@link ConnectionPool} that retries an acquire only when the connection it got
 * failed validation, such as an idle connection the server closed when the endpoint suspended.
 * r2dbc-pool discards that connection, and without a retry the acquirer would get the error;
 * its own {@code acquireRetry} retries every error, so a connect that already spent {@code
 * connectBudget} would be started again. Up to {@code maxSize + 1} retries: after a suspend every
 * idle connection may be dead, and each retry discards one.
 *
 * <p>The whole acquire, retries included, is bounded by an {@link AcquireDeadline} instead of
 * r2dbc-pool's {@code maxAcquireTime} (the configuration must have none): a cheaper timer, and one
 * deadline for the acquire and its retries.
 */
public final class RevalidatingPool extends ConnectionPool {

  private final Mono<Connection> acquire;
  private final int maxRetries;
  private final Duration maxAcquireTime;

  /**
   * Creates the pool.
   *
   * @param configuration the configuration, with {@code acquireRetry(0)} and no {@code
   *     maxAcquireTime}
   * @param maxSize the configuration's {@code maxSize}
   * @param maxAcquireTime how long an acquire may take, retries included
   */
  public RevalidatingPool(ConnectionPoolConfiguration configuration, int maxSize,
      Duration maxAcquireTime) {
    super(configuration);
    this.acquire = super.create();
    this.maxRetries = maxSize + 1;
    this.maxAcquireTime = maxAcquireTime;
  }

  @Override
  public Mono<Connection> create() {
    return new AcquireDeadline<>(acquire(0), maxAcquireTime);
  }

  /** A plain resume on error, not retryWhen: nothing is allocated on the path that succeeds. */
  private Mono<Connection> acquire(int retries) {
    return acquire.onErrorResume(
        e -> retries < maxRetries && isValidationFailure(e), e -> acquire(retries + 1));
  }

  static boolean isValidationFailure(Throwable e) {
    String message = e instanceof R2dbcException ? String.valueOf(e.getMessage()) : "";
    return message.startsWith("Connection validation failed")
        || message.startsWith("Validation timed out");
  }
}
