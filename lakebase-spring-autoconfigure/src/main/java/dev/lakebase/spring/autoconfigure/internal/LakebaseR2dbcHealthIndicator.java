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
 * round trip within the health timeout. While the pool has no open connection it acquires nothing
 * unless {@code lakebase.health.validate-connection=true} (opening one would keep a scale-to-zero
 * endpoint awake) and reports UP with {@code connection=not checked}. Details: the credential's state and the pool's connections
 * as details (the same credential details as the JDBC indicator). Never includes a token: the
 * details come from {@link CredentialStatus} and redacted messages.
 */
public final class LakebaseR2dbcHealthIndicator implements ReactiveHealthIndicator {

  private final LakebaseConnectionFactory factory;
  private final ConnectionPool pool;
  private final Duration timeout;
  private final boolean validateConnection;

  /**
   * Creates the indicator.
   *
   * @param factory the unpooled factory (target, credential status)
   * @param pool the pool to check
   * @param timeout the longest wait for a connection and its answer
   * @param validateConnection whether to acquire a connection also when the pool has none open
   */
  public LakebaseR2dbcHealthIndicator(LakebaseConnectionFactory factory, ConnectionPool pool,
      Duration timeout, boolean validateConnection) {
    this.factory = factory;
    this.validateConnection = validateConnection;
    this.pool = pool;
    this.timeout = timeout;
  }

  @Override
  public Mono<Health> health() {
    boolean open = pool.getMetrics().map(m -> m.allocatedSize() > 0).orElse(false);
    if (!validateConnection && !open) {
      // Nothing open: acquiring would log in and wake a suspended endpoint. Report what is known.
      return Mono.fromSupplier(() -> details(Health.up().withDetail("connection",
          "not checked: the pool has no open connection"
              + " (lakebase.health.validate-connection=true acquires one)")));
    }
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
