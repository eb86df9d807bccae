package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.WakeBehaviour;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Micrometer meters and pool listeners follow what the pool and the core actually do. */
@EmulatedLakebase
class PoolMetricsTest extends EmulatorTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void metersFollowThePoolAndTheCore(PoolType type) throws Exception {
    String name = "test-" + type.name().toLowerCase(Locale.ROOT);
    LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).maximumPoolSize(4).build());
    LakebasePoolMetrics.bind(ds, registry);
    LakebasePoolMetrics.bind(ds, registry); // a second bind must not count twice

    assertThat(gauge("lakebase.pool.connections.max", name)).isEqualTo(4);
    assertThat(gauge("lakebase.pool.connections.min", name)).isZero();
    assertThat(registry.find("lakebase.pool.connections").gauges())
        .as("only the live states share the name").hasSize(2)
        .allMatch(g -> g.getId().getTag("state").matches("active|idle"));
    assertThat(sum("lakebase.pool.connections")).isZero();
    assertThat(registry.find("lakebase.credential.expiry").gauge().value()).isNaN();
    assertThat(registry.get("lakebase.credential.mints").tag("result", "success")
        .functionCounter().count()).as("registered at bind time, before any mint").isZero();

    // The endpoint is suspended: the first connect waits for it to wake.
    emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.hold(Duration.ofMillis(300)));
    emulator.defaultEndpoint().suspend();
    try (Connection first = ds.getConnection(); Connection second = ds.getConnection()) {
      selectOne(first);
      assertThat(connections(name, "active")).isEqualTo(2);
      assertThat(sum("lakebase.pool.connections")).as("the sum is the open connections")
          .isEqualTo(ds.stats().total()).isEqualTo(2);
      assertThat(connections(name, "idle")).isZero();
    }
    assertThat(connections(name, "active")).isZero();
    assertThat(connections(name, "idle")).isEqualTo(2);
    assertThat(gauge("lakebase.pool.connections.pending", name)).isZero();
    assertThat(sum("lakebase.pool.connections")).isEqualTo(ds.stats().total()).isEqualTo(2);
    assertThat(registry.get("lakebase.credential.expiry").gauge().getId().getTag("target"))
        .isEqualTo(ds.lakebaseDataSource().config().describeTarget());

    assertThat(registry.get("lakebase.credential.mints").tag("pool", name)
        .tag("result", "success").functionCounter().count())
        .isEqualTo(emulator.counters().mints()).isEqualTo(1);
    assertThat(registry.get("lakebase.credential.mint.latency").tag("result", "success").timer()
        .count()).isEqualTo(1);
    assertThat(registry.get("lakebase.connect.attempts").tag("outcome", "success")
        .tag("kind", "none").counter().count()).isEqualTo(2);
    assertThat(registry.get("lakebase.credential.expiry").tag("pool", name).gauge().value())
        .isGreaterThan(3000).isLessThanOrEqualTo(3600);

    assertThat(registry.get("lakebase.connect.coldstart.wait").timer().count()).isEqualTo(1);

    assertNoTokenIn(registry.getMeters());
    ds.close();
    assertThat(registry.find("lakebase.pool.connections").meters())
        .as("a closed pool's meters are removed").isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void poolListenersSeeTheLifeCycleAndTheCoreEvents(PoolType type) throws Exception {
    AtomicInteger created = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    AtomicInteger mints = new AtomicInteger();
    int[] maxAtCreation = new int[1];
    PoolListener listener = new PoolListener() {
      @Override
      public void onPoolCreated(LakebasePooledDataSource pool) {
        created.incrementAndGet();
        maxAtCreation[0] = pool.stats().max();
      }

      @Override
      public void onPoolClosed(LakebasePooledDataSource pool) {
        closed.incrementAndGet();
      }

      @Override
      public void onMint(dev.lakebase.jdbc.spi.MintEvent e) {
        mints.incrementAndGet();
      }
    };
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).maximumPoolSize(2).listener(listener).build());
         Connection c = ds.getConnection()) {
      selectOne(c);
      assertThat(created).hasValue(1);
      assertThat(maxAtCreation[0]).isEqualTo(2);
      assertThat(mints).hasValue(1);
    }
    assertThat(closed).hasValue(1);
  }

  private double gauge(String meter, String pool) {
    return registry.get(meter).tag("pool", pool).gauge().value();
  }

  private double sum(String meter) {
    return registry.find(meter).gauges().stream().mapToDouble(g -> g.value()).sum();
  }

  private double connections(String pool, String state) {
    return registry.get("lakebase.pool.connections").tag("pool", pool).tag("state", state)
        .gauge().value();
  }

  private void assertNoTokenIn(List<Meter> meters) {
    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).isNotEmpty();
    for (Meter m : meters) {
      String id = m.getId().toString();
      tokens.forEach(t -> assertThat(id).doesNotContain(t));
      assertThat(id).doesNotContain("eyJ");
    }
  }
}
