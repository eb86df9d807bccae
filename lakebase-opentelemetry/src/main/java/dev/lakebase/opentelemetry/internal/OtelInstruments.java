package dev.lakebase.opentelemetry.internal;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.opentelemetry.LakebaseOpenTelemetry;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.pool.PoolListener;
import dev.lakebase.pool.PoolStats;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The instruments of one binding. Event instruments are synchronous and follow the core's events;
 * the pool and credential instruments are asynchronous and read {@link
 * LakebasePooledDataSource#stats()} and the shared cache's {@link CredentialStatus} when the
 * reader collects. Attribute values are the pool name, the target description, outcomes and
 * failure kinds: never a token, an identity or a server message.
 */
public final class OtelInstruments implements PoolListener {

  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> POOL_NAME =
      AttributeKey.stringKey("db.client.connection.pool.name");
  static final AttributeKey<String> STATE = AttributeKey.stringKey("db.client.connection.state");
  static final AttributeKey<String> TARGET = AttributeKey.stringKey("lakebase.target");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("lakebase.connect.outcome");
  static final AttributeKey<String> MINT_RESULT =
      AttributeKey.stringKey("lakebase.credential.mint.result");
  static final AttributeKey<Boolean> BACKGROUND =
      AttributeKey.booleanKey("lakebase.credential.background");

  /**
   * The semantic conventions' advice for durations in seconds (the SDK's default buckets are
   * meant for milliseconds and would put every connect in the first one).
   */
  private static final List<Double> SECONDS_BUCKETS = List.of(0.005, 0.01, 0.025, 0.05, 0.075,
      0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 30.0);

  /** The pool's common attributes, or {@code null} for a plain listener (target per event). */
  private final Attributes poolAttributes;
  private final Map<String, Attributes> perTarget = new ConcurrentHashMap<>();
  private final LongCounter mints;
  private final DoubleHistogram mintDuration;
  private final LongCounter attempts;
  private final LongCounter retries;
  private final DoubleHistogram createTime;
  private final DoubleHistogram coldStart;
  private final List<AutoCloseable> observers = new CopyOnWriteArrayList<>();

  private OtelInstruments(Meter meter, Attributes poolAttributes) {
    this.poolAttributes = poolAttributes;
    mints = meter.counterBuilder("lakebase.credential.mints").setUnit("{mint}")
        .setDescription("Database credential mints through the workspace API").build();
    mintDuration = seconds(meter, "lakebase.credential.mint.duration",
        "Time to mint a database credential");
    attempts = meter.counterBuilder("lakebase.connect.attempts").setUnit("{attempt}")
        .setDescription("Physical connect attempts").build();
    retries = meter.counterBuilder("lakebase.connect.retries").setUnit("{retry}")
        .setDescription("Physical connect attempts that failed and were retried, by cause")
        .build();
    createTime = seconds(meter, "db.client.connection.create_time",
        "Time it took to open a physical connection, retries included");
    coldStart = seconds(meter, "lakebase.connect.cold_start.duration",
        "Time a connect waited for a suspended endpoint to wake");
  }

  /**
   * The instruments of a pool, its gauges included.
   *
   * @param otel where to record
   * @param pool the pool
   * @return the listener to attach to the pool
   */
  public static OtelInstruments forPool(OpenTelemetry otel, LakebasePooledDataSource pool) {
    Attributes common = Attributes.of(DB_SYSTEM, "postgresql",
        POOL_NAME, LakebasePools.poolName(pool),
        TARGET, pool.lakebaseDataSource().config().describeTarget());
    Meter meter = meter(otel);
    OtelInstruments instruments = new OtelInstruments(meter, common);
    instruments.observePool(meter, pool, common);
    return instruments;
  }

  /**
   * The event instruments only, attributed to each event's target.
   *
   * @param otel where to record
   * @return the listener
   */
  public static OtelInstruments forEvents(OpenTelemetry otel) {
    return new OtelInstruments(meter(otel), null);
  }

  @Override
  public void onMint(MintEvent e) {
    AttributesBuilder a = common(e.target()).toBuilder()
        .put(MINT_RESULT, e.success() ? "success" : "failure");
    if (!e.success()) {
      a.put(ERROR_TYPE, e.transientFailure() ? "transient" : "permanent");
    }
    Attributes counted = a.build();
    mints.add(1, counted);
    mintDuration.record(seconds(e.latency()), counted.toBuilder()
        .put(BACKGROUND, e.background()).build());
  }

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    Attributes common = common(e.target());
    AttributesBuilder a = common.toBuilder()
        .put(OUTCOME, e.outcome().name().toLowerCase(Locale.ROOT));
    if (e.failureKind() != null) {
      a.put(ERROR_TYPE, kind(e.failureKind()));
    }
    attempts.add(1, a.build());
    switch (e.outcome()) {
      case RETRYING -> retries.add(1, common.toBuilder()
          .put(ERROR_TYPE, e.failureKind() == null ? "_OTHER" : kind(e.failureKind())).build());
      case SUCCESS -> createTime.record(seconds(e.elapsed()), common);
      case FAILED -> { }
    }
  }

  @Override
  public void onColdStartWait(ColdStartEvent e) {
    coldStart.record(seconds(e.waited()), common(e.target()));
  }

  /** A closed pool has nothing to report: its callbacks stop. */
  @Override
  public void onPoolClosed(LakebasePooledDataSource pool) {
    for (AutoCloseable o : observers) {
      try {
        o.close();
      } catch (Exception ignored) {
        // The API's observable instruments do not throw from close().
      }
    }
    observers.clear();
  }

  private void observePool(Meter meter, LakebasePooledDataSource pool, Attributes common) {
    Attributes used = common.toBuilder().put(STATE, "used").build();
    Attributes idle = common.toBuilder().put(STATE, "idle").build();
    observers.add(meter.upDownCounterBuilder("db.client.connection.count")
        .setUnit("{connection}")
        .setDescription("Physical connections of the pool by state")
        .buildWithCallback(m -> {
          PoolStats s = pool.stats();
          m.record(s.active(), used);
          m.record(s.idle(), idle);
        }));
    observers.add(meter.upDownCounterBuilder("db.client.connection.pending_requests")
        .setUnit("{request}")
        .setDescription("Threads waiting for a connection of the pool")
        .buildWithCallback(m -> m.record(pool.stats().pending(), common)));
    observers.add(meter.upDownCounterBuilder("db.client.connection.max")
        .setUnit("{connection}")
        .setDescription("The largest number of connections the pool opens")
        .buildWithCallback(m -> m.record(pool.stats().max(), common)));
    observers.add(meter.gaugeBuilder("lakebase.credential.time_to_expiry").setUnit("s")
        .setDescription("Time until the current database credential expires")
        .buildWithCallback(m -> pool.lakebaseDataSource().credentialStatus().timeToExpiry()
            .ifPresent(t -> m.record(seconds(t), common))));
  }

  private Attributes common(String target) {
    if (poolAttributes != null) {
      return poolAttributes;
    }
    return perTarget.computeIfAbsent(target == null ? "" : target,
        t -> Attributes.of(DB_SYSTEM, "postgresql", TARGET, t));
  }

  private static Meter meter(OpenTelemetry otel) {
    return otel.getMeterProvider().get(LakebaseOpenTelemetry.INSTRUMENTATION_SCOPE);
  }

  private static DoubleHistogram seconds(Meter meter, String name, String description) {
    return meter.histogramBuilder(name).setUnit("s").setDescription(description)
        .setExplicitBucketBoundariesAdvice(SECONDS_BUCKETS).build();
  }

  private static String kind(FailureKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
