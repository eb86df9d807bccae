package dev.lakebase.r2dbc;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of a {@link LakebaseConnectionFactory}, with the names and tags of {@code
 * lakebase-pool}'s meters ({@code pool} tag = the r2dbc-pool name): {@code
 * lakebase.credential.expiry}, {@code lakebase.credential.mints} (read from the shared cache, so
 * they count every mint of the target), {@code lakebase.credential.mint.latency}, {@code
 * lakebase.connect.attempts} (outcome, failure kind) and {@code lakebase.connect.coldstart.wait}.
 * r2dbc-pool's own meters ({@code r2dbc.pool.*}) come from Spring Boot or {@code
 * ConnectionPool.getMetrics()}. Tags never hold a token or a server message. Micrometer is an
 * optional dependency: only this class uses it.
 *
 * <pre>{@code
 * LakebaseR2dbcMetrics metrics = new LakebaseR2dbcMetrics(registry, "lakebase");
 * LakebaseConnectionFactory factory = LakebaseConnectionFactory.builder(config).listener(metrics).build();
 * metrics.bind(factory);
 * }</pre>
 */
public final class LakebaseR2dbcMetrics implements LakebaseListener {

  private final MeterRegistry registry;
  private final Tags poolTag;
  private volatile Tags credentialTags;

  /**
   * Creates the meters' listener; pass it to {@link LakebaseConnectionFactory.Builder#listener}.
   *
   * @param registry the registry
   * @param poolName the {@code pool} tag
   */
  public LakebaseR2dbcMetrics(MeterRegistry registry, String poolName) {
    this.registry = registry;
    this.poolTag = Tags.of("pool", poolName);
    this.credentialTags = poolTag.and("target", "unknown");
  }

  /**
   * Registers the credential gauges of the factory.
   *
   * @param factory the factory built with this listener
   */
  public void bind(LakebaseConnectionFactory factory) {
    // The same tags as the JDBC pools' credential meters (a registry such as Prometheus wants one
    // tag set per name): the credential is shared by every user of the target.
    credentialTags = poolTag.and("target", factory.config().describeTarget());
    Gauge.builder("lakebase.credential.expiry", factory, LakebaseR2dbcMetrics::expiry)
        .description("Seconds until the current Lakebase credential expires")
        .baseUnit("seconds").tags(credentialTags).register(registry);
    mints(factory, "success", CredentialStatus::mints);
    mints(factory, "failure", CredentialStatus::mintFailures);
  }

  @Override
  public void onMint(MintEvent e) {
    Timer.builder("lakebase.credential.mint.latency")
        .description("Time to mint a database credential")
        .tags(credentialTags).tag("result", e.success() ? "success" : "failure")
        .register(registry)
        .record(e.latency());
  }

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    Counter.builder("lakebase.connect.attempts")
        .description("Physical connect attempts")
        .tags(poolTag)
        .tag("outcome", e.outcome().name().toLowerCase(Locale.ROOT))
        .tag("kind", e.failureKind() == null ? "none"
            : e.failureKind().name().toLowerCase(Locale.ROOT))
        .register(registry).increment();
  }

  @Override
  public void onColdStartWait(ColdStartEvent e) {
    Timer.builder("lakebase.connect.coldstart.wait")
        .description("Time a connect waited for a suspended endpoint to wake")
        .tags(poolTag).register(registry).record(e.waited());
  }

  private void mints(LakebaseConnectionFactory factory, String result,
      ToLongFunction<CredentialStatus> count) {
    FunctionCounter.builder("lakebase.credential.mints", factory,
            f -> count.applyAsLong(f.credentialStatus()))
        .description("Database credentials minted through the workspace API (shared by every"
            + " user of the same target and identity)")
        .tags(credentialTags).tag("result", result).register(registry);
  }

  private static double expiry(LakebaseConnectionFactory factory) {
    return factory.credentialStatus().timeToExpiry()
        .map(Duration::toMillis).map(ms -> ms / 1000.0).orElse(Double.NaN);
  }
}
