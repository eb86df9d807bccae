package dev.lakebase.pool.internal;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.PoolListener;
import dev.lakebase.pool.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The Micrometer meters of one pool: gauges read {@link LakebasePooledDataSource#stats()} and the
 * core's credential status when sampled; counters and timers follow the core's events. Tags hold
 * only the pool name, outcomes and failure kinds, never a token or a server message.
 */
public final class MicrometerPoolMetrics implements PoolListener {

  private final MeterRegistry registry;
  private final Tags poolTag;
  private final Tags credentialTags;
  private final Set<Meter> meters = ConcurrentHashMap.newKeySet();

  /**
   * Registers the gauges of a pool.
   *
   * @param ds the pool
   * @param poolName the pool's name, the {@code pool} tag of every meter
   * @param registry the registry
   */
  public MicrometerPoolMetrics(LakebasePooledDataSource ds, String poolName,
      MeterRegistry registry) {
    this.registry = registry;
    this.poolTag = Tags.of("pool", poolName);
    // The credential is shared by every pool of the same target and identity: the target tag
    // lets a dashboard take one series per credential instead of summing the pools' copies.
    this.credentialTags = poolTag.and("target", ds.lakebaseDataSource().config().describeTarget());
    // Only the live states share this name, so a sum over its series is the open connections;
    // the capacity and the waiting threads are meters of their own.
    connections(ds, "active", PoolStats::active);
    connections(ds, "idle", PoolStats::idle);
    gauge("lakebase.pool.connections.pending", ds, PoolStats::pending,
        "Threads waiting for a connection of the Lakebase pool", "threads");
    gauge("lakebase.pool.connections.max", ds, PoolStats::max,
        "Maximum size of the Lakebase pool", "connections");
    meters.add(Gauge.builder("lakebase.pool.connections.min", ds, MicrometerPoolMetrics::minimum)
        .description("Connections the Lakebase pool keeps open when idle")
        .baseUnit("connections").tags(poolTag).register(registry));
    meters.add(Gauge.builder("lakebase.credential.expiry", ds, MicrometerPoolMetrics::expiry)
        .description("Seconds until the current Lakebase credential expires")
        .baseUnit("seconds").tags(credentialTags).register(registry));
    // Read from the shared credential cache rather than counted from events, so mints that
    // happened before binding (e.g. during application start-up) are included.
    mints(ds, "success", CredentialStatus::mints);
    mints(ds, "failure", CredentialStatus::mintFailures);
  }

  @Override
  public void onMint(MintEvent e) {
    String result = e.success() ? "success" : "failure";
    Timer latency = Timer.builder("lakebase.credential.mint.latency")
        .description("Time to mint a database credential")
        .tags(credentialTags).tag("result", result).register(registry);
    meters.add(latency);
    latency.record(e.latency());
  }

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    Counter attempts = Counter.builder("lakebase.connect.attempts")
        .description("Physical connect attempts")
        .tags(poolTag)
        .tag("outcome", e.outcome().name().toLowerCase(Locale.ROOT))
        .tag("kind", e.failureKind() == null ? "none"
            : e.failureKind().name().toLowerCase(Locale.ROOT))
        .register(registry);
    meters.add(attempts);
    attempts.increment();
  }

  @Override
  public void onColdStartWait(ColdStartEvent e) {
    Timer wait = Timer.builder("lakebase.connect.coldstart.wait")
        .description("Time a connect waited for a suspended endpoint to wake")
        .tags(poolTag).register(registry);
    meters.add(wait);
    wait.record(e.waited());
  }

  /** Removes this pool's meters: a closed pool has nothing to report. */
  @Override
  public void onPoolClosed(LakebasePooledDataSource pool) {
    meters.forEach(registry::remove);
    meters.clear();
  }

  private void connections(LakebasePooledDataSource ds, String state,
      ToIntFunction<PoolStats> value) {
    meters.add(Gauge.builder("lakebase.pool.connections", ds, d -> value.applyAsInt(d.stats()))
        .description("Open connections of the Lakebase pool by state (active or idle)")
        .baseUnit("connections").tags(poolTag).tag("state", state).register(registry));
  }

  private void gauge(String name, LakebasePooledDataSource ds, ToIntFunction<PoolStats> value,
      String description, String unit) {
    meters.add(Gauge.builder(name, ds, d -> value.applyAsInt(d.stats()))
        .description(description).baseUnit(unit).tags(poolTag).register(registry));
  }

  private static double minimum(LakebasePooledDataSource ds) {
    if (ds instanceof com.zaxxer.hikari.HikariDataSource hikari) {
      return hikari.getMinimumIdle();
    }
    if (ds instanceof org.vibur.dbcp.ViburDBCPDataSource vibur) {
      return vibur.getPoolInitialSize();
    }
    return Double.NaN;
  }

  private void mints(LakebasePooledDataSource ds, String result,
      ToLongFunction<CredentialStatus> count) {
    meters.add(FunctionCounter.builder("lakebase.credential.mints", ds,
            d -> count.applyAsLong(d.lakebaseDataSource().credentialStatus()))
        .description("Database credentials minted through the workspace API (shared by every"
            + " pool of the same target and identity)")
        .tags(credentialTags).tag("result", result).register(registry));
  }

  private static double expiry(LakebasePooledDataSource ds) {
    return ds.lakebaseDataSource().credentialStatus().timeToExpiry()
        .map(Duration::toMillis).map(ms -> ms / 1000.0).orElse(Double.NaN);
  }
}
