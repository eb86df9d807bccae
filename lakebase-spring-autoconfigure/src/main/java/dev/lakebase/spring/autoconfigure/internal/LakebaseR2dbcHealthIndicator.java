package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.r2dbc.LakebaseConnectionFactory;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import reactor.core.publisher.Mono;

/**
 * Reactive health of the Lakebase R2DBC pool: UP when a connection can be acquired and answers a
 * round trip within the health timeout, with the credential's state and the pool's connections
 * as details (the same credential details as the JDBC indicator). Never includes a token: the
 * details come from {@link CredentialStatus} and redacted messages.
 */
public final class LakebaseR2dbcHealthIndicator implements ReactiveHealthIndicator {

  private final LakebaseConnectionFactory factory;
  private final ConnectionPool pool;
  private final Duration timeout;

  /**
   * Creates the indicator.
   *
   * @param factory the unpooled factory (target, credential status)
   * @param pool the pool to check
   * @param timeout the longest wait for a connection and its answer
   */
  public LakebaseR2dbcHealthIndicator(LakebaseConnectionFactory factory, ConnectionPool pool,
      Duration timeout) {
    this.factory = factory;
    this.pool = pool;
    this.timeout = timeout;
  }

  @Override
  public Mono<Health> health() {
    return Mono.usingWhen(pool.create(),
            (Connection c) -> Mono.from(c.validate(ValidationDepth.REMOTE)), Connection::close)
        .timeout(timeout)
        .map(valid -> valid ? Health.up() : Health.down().withDetail("error",
            "the connection did not answer"))
        .onErrorResume(e -> Mono.just(Health.down().withDetail("error",
            Secrets.redact(e.getClass().getSimpleName() + ": " + e.getMessage()))))
        .map(this::details);
  }

  private Health details(Health.Builder health) {
    CredentialStatus credential = factory.credentialStatus();
    health.withDetail("target", factory.config().describeTarget());
    credential.identity().ifPresent(identity -> health.withDetail("identity", identity));
    health.withDetail("credential", LakebaseHealthIndicator.credentialDetails(credential));
    Map<String, Object> details = new LinkedHashMap<>();
    pool.getMetrics().ifPresent(m -> {
      details.put("acquired", m.acquiredSize());
      details.put("idle", m.idleSize());
      details.put("pending", m.pendingAcquireSize());
      details.put("allocated", m.allocatedSize());
      details.put("max", m.getMaxAllocatedSize());
    });
    health.withDetail("pool", details);
    return health.build();
  }
}
