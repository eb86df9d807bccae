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
    connections(ds, "active", PoolStats::active);
    connections(ds, "idle", PoolStats::idle);
    connections(ds, "pending", PoolStats::pending);
    connections(ds, "total", PoolStats::total);
    connections(ds, "max", PoolStats::max);
    meters.add(Gauge.builder("lakebase.credential.expiry", ds, MicrometerPoolMetrics::expiry)
        .description("Seconds until the current Lakebase credential expires")
        .baseUnit("seconds").tags(poolTag).register(registry));
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
        .tags(poolTag).tag("result", result).register(registry);
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
        .description("Connections of the Lakebase pool by state")
        .tags(poolTag).tag("state", state).register(registry));
  }

  private void mints(LakebasePooledDataSource ds, String result,
      ToLongFunction<CredentialStatus> count) {
    meters.add(FunctionCounter.builder("lakebase.credential.mints", ds,
            d -> count.applyAsLong(d.lakebaseDataSource().credentialStatus()))
        .description("Database credentials minted through the workspace API (shared by every"
            + " pool of the same target and identity)")
        .tags(poolTag).tag("result", result).register(registry));
  }

  private static double expiry(LakebasePooledDataSource ds) {
    return ds.lakebaseDataSource().credentialStatus().timeToExpiry()
        .map(Duration::toMillis).map(ms -> ms / 1000.0).orElse(Double.NaN);
  }
}
