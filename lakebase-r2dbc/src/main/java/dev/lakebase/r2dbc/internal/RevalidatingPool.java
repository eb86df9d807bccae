package dev.lakebase.r2dbc.internal;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcException;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * r2dbc-pool's {@link ConnectionPool} that retries an acquire only when the connection it got
 * failed validation, such as an idle connection the server closed when the endpoint suspended.
 * r2dbc-pool discards that connection, and without a retry the acquirer would get the error;
 * its own {@code acquireRetry} retries every error, so a connect that already spent {@code
 * connectBudget} would be started again. Up to {@code maxSize + 1} retries: after a suspend every
 * idle connection may be dead, and each retry discards one.
 */
public final class RevalidatingPool extends ConnectionPool {

  private final Mono<Connection> create;

  /**
   * Creates the pool.
   *
   * @param configuration the configuration, with {@code acquireRetry(0)}
   * @param maxSize the configuration's {@code maxSize}
   */
  public RevalidatingPool(ConnectionPoolConfiguration configuration, int maxSize) {
    super(configuration);
    this.create = super.create().retryWhen(Retry.max(maxSize + 1L)
        .filter(RevalidatingPool::isValidationFailure));
  }

  @Override
  public Mono<Connection> create() {
    return create;
  }

  static boolean isValidationFailure(Throwable e) {
    String message = e instanceof R2dbcException ? String.valueOf(e.getMessage()) : "";
    return message.startsWith("Connection validation failed")
        || message.startsWith("Validation timed out");
  }
}
