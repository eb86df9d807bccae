package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.PoolConnectFailure;
import dev.lakebase.pool.PoolStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of one Lakebase pool: UP when a valid connection can be borrowed within the health
 * timeout. While the pool has no open connection it borrows nothing unless {@code
 * lakebase.health.validate-connection=true} (opening one would keep a scale-to-zero endpoint
 * awake): it reports UP with {@code connection=not checked}, or UNKNOWN with the pool's last
 * connect failure when that was transient. After a permanent connect failure it checks through
 * the pool, which fails at once (DOWN) and connects again at most once per backoff period.
 * Details: the credential's state (validity, expiry, last mint), the pool's connections and
 * the last connect failure as details. Never includes a token: the details come from {@link
 * CredentialStatus} and redacted connect events.
 */
public final class LakebaseHealthIndicator implements HealthIndicator {

  private final LakebasePooledDataSource pool;
  private final ConnectionProbe probe;
  private final ConnectFailureRecorder failures;
  private final boolean validateConnection;
  private volatile String lastHost;

  /**
   * Creates the indicator.
   *
   * @param pool the pool to check
   * @param timeout the longest wait for a connection
   * @param validateConnection whether to borrow a connection also when the pool has none open
   * @param failures the recorder of connect failures, or {@code null} when not registered
   */
  public LakebaseHealthIndicator(LakebasePooledDataSource pool, Duration timeout,
      boolean validateConnection, ConnectFailureRecorder failures) {
    this.pool = pool;
    this.validateConnection = validateConnection;
    this.probe = new ConnectionProbe(pool, timeout);
    this.failures = failures;
  }

  @Override
  public Health health() {
    Health.Builder health;
    Optional<PoolConnectFailure> failed = pool.lastConnectFailure();
    boolean permanent = failed.map(PoolConnectFailure::permanent).orElse(false);
    // A permanent failure is checked through the pool, which fails at once and tries a real
    // connect at most once per backoff period: so a fixed cause shows as UP without a restart.
    if (validateConnection || permanent || pool.stats().total() > 0) {
      ConnectionProbe.Result result = probe.check();
      result.host().ifPresent(h -> lastHost = h);
      health = result.reachable() ? Health.up() : Health.down();
      result.error().ifPresent(error -> health.withDetail("error", error));
    } else {
      // Nothing open: borrowing would log in and wake a suspended endpoint. Report what is known:
      // after a transient failure (a cold start that outlasted the budget, a DNS hiccup) the
      // next borrow may well succeed, so that is UNKNOWN rather than a DOWN that would stick
      // until something borrows (a readiness probe taking the instance out of service would
      // never see it come back).
      health = failed.isPresent() ? Health.unknown() : Health.up();
      health.withDetail("connection", "not checked: the pool has no open connection"
          + " (lakebase.health.validate-connection=true borrows one)");
      failed.ifPresent(f -> health.withDetail("error", Secrets.redact(f.failure().getMessage())));
    }
    CredentialStatus credential = pool.lakebaseDataSource().credentialStatus();
    // The pool's own target (as its connect events name it), not the credential cache's.
    String target = pool.lakebaseDataSource().config().describeTarget();
    health.withDetail("target", target);
    if (lastHost != null) {
      health.withDetail("host", lastHost);
    }
    credential.identity().ifPresent(identity -> health.withDetail("identity", identity));
    health.withDetail("credential", credentialDetails(credential));
    health.withDetail("pool", poolDetails());
    if (failures != null) {
      failures.last(target).ifPresent(f -> {
        Map<String, Object> last = new LinkedHashMap<>();
        last.put("at", f.at().toString());
        last.put("kind", String.valueOf(f.kind()));
        last.put("outcome", f.outcome().toString());
        last.put("message", String.valueOf(f.message()));
        health.withDetail("lastConnectFailure", last);
      });
    }
    return health.build();
  }

  static Map<String, Object> credentialDetails(CredentialStatus status) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("valid", status.valid());
    status.expiresAt().ifPresent(at -> details.put("expiresAt", at.toString()));
    status.timeToExpiry().map(Duration::toSeconds)
        .ifPresent(seconds -> details.put("secondsToExpiry", seconds));
    status.lastMintAt().ifPresent(at -> details.put("lastMintAt", at.toString()));
    String lastMint = status.lastMintError().isPresent() ? "failure"
        : status.lastMintAt().isPresent() ? "success" : "none yet";
    details.put("lastMintResult", lastMint);
    status.lastMintError().ifPresent(error -> details.put("lastMintError", error));
    details.put("mints", status.mints());
    details.put("mintFailures", status.mintFailures());
    return details;
  }

  private Map<String, Object> poolDetails() {
    PoolStats stats = pool.stats();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", pool.poolType().name().toLowerCase(Locale.ROOT));
    details.put("active", stats.active());
    details.put("idle", stats.idle());
    details.put("pending", stats.pending());
    details.put("total", stats.total());
    details.put("max", stats.max());
    details.put("maxLifetimeSeconds", pool.maxLifetime().toSeconds());
    return details;
  }
}
