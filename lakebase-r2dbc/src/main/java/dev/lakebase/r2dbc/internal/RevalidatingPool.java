package dev.lakebase.r2dbc.internal;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;

/**
 * r2dbc-pool's {@link ConnectionPool} that retries an acquire only when the connection it got
 * failed validation, such as an idle connection the server closed when the endpoint suspended.
 * r2dbc-pool discards that connection, and without a retry the acquirer would get the error;
 * its own {@code acquireRetry} retries every error, so a connect that already spent {@code
 * connectBudget} would be started again. Up to {@code maxSize + 1} retries: after a suspend every
 * idle connection may be dead, and each retry discards one.
 */
public final class RevalidatingPool extends ConnectionPool {

  private final Mono<Connection> acquire;
  private final int maxRetries;

  /**
   * Creates the pool.
   *
   * @param configuration the configuration, with {@code acquireRetry(0)}
   * @param maxSize the configuration's {@code maxSize}
   */
  public RevalidatingPool(ConnectionPoolConfiguration configuration, int maxSize) {
    super(configuration);
    this.acquire = super.create();
    this.maxRetries = maxSize + 1;
  }

  @Override
  public Mono<Connection> create() {
    return acquire(0);
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
