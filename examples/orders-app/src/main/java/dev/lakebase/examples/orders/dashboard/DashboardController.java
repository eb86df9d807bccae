package dev.lakebase.examples.orders.dashboard;

import dev.lakebase.examples.orders.data.AuditRepository;
import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.pool.PoolStats;
import io.swagger.v3.oas.annotations.Hidden;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The JSON behind the live page ({@code /dashboard/}): one poll returns the credential, the pool,
 * the request numbers, the newest audit rows and, on the embedded default, the operator panel.
 * Always answers 200 while the application runs: a database hiccup (the endpoint waking up) shows
 * as a message in the audit panel, not as a failed request.
 */
@Hidden
@RestController
@RequestMapping("/dashboard/api")
class DashboardController {

  private static final Logger log = LoggerFactory.getLogger(DashboardController.class);
  static final int AUDIT_ROWS = 10;

  private final LakebasePooledDataSource pool;
  private final PoolActivity activity;
  private final RequestStats requests;
  private final AuditRepository audit;
  private final ObjectProvider<DashboardOperator> operator;
  private final OpenTelemetryMetrics openTelemetry;

  DashboardController(LakebasePooledDataSource pool, PoolActivity activity,
      RequestStats requests, AuditRepository audit, ObjectProvider<DashboardOperator> operator,
      OpenTelemetryMetrics openTelemetry) {
    this.openTelemetry = openTelemetry;
    this.pool = pool;
    this.activity = activity;
    this.requests = requests;
    this.audit = audit;
    this.operator = operator;
  }

  @GetMapping("/state")
  Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("now", Instant.now());
    PoolActivity.Snapshot act = activity.snapshot();
    state.put("credential", credential(pool.lakebaseDataSource().credentialStatus(), act));
    state.put("pool", pool(act));
    state.put("requests", requests.rows());
    state.put("activity", act.recent());
    state.put("openTelemetry", openTelemetry.rows());
    try {
      state.put("audit", audit.latest(null, null, AUDIT_ROWS));
    } catch (DataAccessException e) {
      // e.g. the one borrow that finds its session dropped by a suspend: the next poll works.
      log.debug("Audit rows unavailable for the live page", e);
      state.put("auditError", "audit rows unavailable for a moment ("
          + e.getMostSpecificCause().getClass().getSimpleName() + ")");
    }
    DashboardOperator op = operator.getIfAvailable();
    state.put("operator", op == null ? null : op.status());
    return state;
  }

  @PostMapping("/operator/suspend")
  ResponseEntity<Map<String, Object>> suspend() {
    DashboardOperator op = operator.getIfAvailable();
    if (op == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    op.suspendEndpoint();
    return ResponseEntity.ok(op.status());
  }

  @PostMapping("/operator/token-lifetime")
  ResponseEntity<Map<String, Object>> tokenLifetime(
      @RequestParam(defaultValue = "20") int seconds) {
    DashboardOperator op = operator.getIfAvailable();
    if (op == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
    }
    if (seconds < 10 || seconds > 3600) {
      return ResponseEntity.badRequest().body(Map.of("error",
          "seconds must be between 10 and 3600, not " + seconds));
    }
    op.shortenTokenLifetime(Duration.ofSeconds(seconds));
    return ResponseEntity.ok(op.status());
  }

  private static Map<String, Object> credential(CredentialStatus s, PoolActivity.Snapshot act) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("target", s.target());
    c.put("identity", s.identity().orElse(null));
    c.put("valid", s.valid());
    c.put("expiresAt", s.expiresAt().orElse(null));
    c.put("secondsToExpiry", s.timeToExpiry().map(Duration::toSeconds).orElse(null));
    c.put("lastMintAt", s.lastMintAt().orElse(null));
    c.put("lastMintLatencyMs", act.lastMintLatencyMs());
    c.put("lastMintBackground", act.lastMintBackground());
    c.put("mints", s.mints());
    c.put("mintFailures", s.mintFailures());
    c.put("lastMintError", s.lastMintError().orElse(null));
    return c;
  }

  private Map<String, Object> pool(PoolActivity.Snapshot act) {
    PoolStats s = pool.stats();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", LakebasePools.poolName(pool));
    p.put("type", pool.poolType());
    p.put("host", pool.lakebaseDataSource().host().orElse(null));
    p.put("active", s.active());
    p.put("idle", s.idle());
    p.put("pending", s.pending());
    p.put("total", s.total());
    p.put("max", s.max());
    p.put("opened", act.opened());
    p.put("failedConnects", act.failed());
    p.put("retries", act.retries());
    p.put("retriesByCause", act.retriesByCause());
    p.put("coldStarts", act.coldStarts());
    p.put("lastColdStartMs", act.lastColdStartMs());
    p.put("lastColdStartAt", act.lastColdStartAt());
    return p;
  }
}
