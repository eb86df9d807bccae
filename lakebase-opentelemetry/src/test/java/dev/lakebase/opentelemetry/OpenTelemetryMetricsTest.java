package dev.lakebase.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A scripted run against the emulator (a mint, connects, a cold start, token rotations with short
 * tokens, a failing refresh) read back through the OpenTelemetry SDK's in-memory reader: names,
 * units, attributes and values.
 */
@EmulatedLakebase
class OpenTelemetryMetricsTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AttributeKey<String> STATE =
      AttributeKey.stringKey("db.client.connection.state");
  private static final AttributeKey<String> POOL =
      AttributeKey.stringKey("db.client.connection.pool.name");
  private static final AttributeKey<String> TARGET = AttributeKey.stringKey("lakebase.target");
  private static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
  private static final AttributeKey<String> OUTCOME =
      AttributeKey.stringKey("lakebase.connect.outcome");
  private static final AttributeKey<String> RESULT =
      AttributeKey.stringKey("lakebase.credential.mint.result");
  private static final AttributeKey<Boolean> BACKGROUND =
      AttributeKey.booleanKey("lakebase.credential.background");

  private LakebaseEmulator emulator;
  private InMemoryMetricReader reader;
  private OpenTelemetrySdk otel;

  @BeforeEach
  void setUp(LakebaseEmulator emulator) {
    this.emulator = emulator;
    emulator.reset();
    LakebaseRuntime.reset();
    reader = InMemoryMetricReader.create();
    otel = OpenTelemetrySdk.builder()
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build())
        .build();
  }

  @AfterEach
  void tearDown() {
    otel.close();
    emulator.reset();
  }

  @Test
  void aPoolsLifeReadsBackAsOpenTelemetryInstruments() throws Exception {
    // Short tokens: the cache refreshes at half the life, so rotations happen within seconds.
    emulator.tokenLifetime(Duration.ofSeconds(8));
    try (LakebasePooledDataSource ds = LakebasePools.create(core().build(),
        LakebasePoolConfig.builder().poolName("otel").maximumPoolSize(3).build())) {
      LakebaseOpenTelemetry.bind(ds, otel);
      LakebaseOpenTelemetry.bind(ds, otel); // a second bind must not count twice

      Attributes pool = Attributes.of(POOL, "otel");
      assertThat(longSum("db.client.connection.max", pool)).isEqualTo(3);
      assertThat(longSum("db.client.connection.count", pool.toBuilder().put(STATE, "used")
          .build())).isZero();
      assertThat(points("lakebase.credential.time_to_expiry"))
          .as("no credential yet, no point").isEmpty();

      // Mint + cold start: the endpoint is suspended and refuses logins while it wakes.
      emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.refuse(Duration.ofMillis(600)));
      emulator.defaultEndpoint().suspend();
      try (Connection a = ds.getConnection(); Connection b = ds.getConnection()) {
        selectOne(a);
        selectOne(b);
        assertThat(longSum("db.client.connection.count", Attributes.of(STATE, "used")))
            .isEqualTo(2);
        assertThat(longSum("db.client.connection.count", Attributes.of(STATE, "idle")))
            .isZero();
        assertThat(longSum("db.client.connection.pending_requests", pool)).isZero();
      }
      assertThat(longSum("db.client.connection.count", Attributes.of(STATE, "idle")))
          .isEqualTo(2);

      assertThat(longSum("lakebase.credential.mints", Attributes.of(RESULT, "success")))
          .isEqualTo(emulator.counters().mints()).isEqualTo(1);
      assertThat(longSum("lakebase.connect.attempts", Attributes.of(OUTCOME, "success")))
          .isEqualTo(2);
      assertThat(longSum("lakebase.connect.retries", Attributes.of(ERROR, "cold_start")))
          .as("refused while waking: retried as a cold start").isPositive();
      assertThat(longSum("lakebase.connect.attempts", Attributes.of(OUTCOME, "retrying")))
          .isEqualTo(longSum("lakebase.connect.retries", Attributes.empty()));
      assertThat(histogram("lakebase.connect.cold_start.duration").getCount()).isEqualTo(1);
      assertThat(histogram("lakebase.connect.cold_start.duration").getSum())
          .as("seconds, not milliseconds").isGreaterThan(0.1).isLessThan(WAIT.toSeconds());
      assertThat(histogram("db.client.connection.create_time").getCount()).isEqualTo(2);
      double ttl = doubleGauge("lakebase.credential.time_to_expiry");
      assertThat(ttl).isGreaterThan(0).isLessThanOrEqualTo(8);

      // Rotation: background refreshes mint new short tokens without any connect waiting.
      await().atMost(WAIT).until(() -> longSum("lakebase.credential.mints",
          Attributes.of(RESULT, "success")) >= 2);
      assertThat(histogram("lakebase.credential.mint.duration",
          Attributes.of(BACKGROUND, true, RESULT, "success")).getCount()).isPositive();

      // A refresh fails with a 500 (not retried by the SDK, transient for the cache).
      emulator.api().failNext(1, 500, "/api/2.0/postgres/credentials");
      await().atMost(WAIT).until(() -> longSum("lakebase.credential.mints",
          Attributes.of(RESULT, "failure", ERROR, "transient")) >= 1);
      try (Connection c = ds.getConnection()) {
        selectOne(c);
      }

      assertUnits();
      assertNothingSecret();
    }
    assertThat(points("db.client.connection.count"))
        .as("a closed pool's callbacks stop").isEmpty();
  }

  @Test
  void aPlainDataSourceRecordsTheEventsPerTarget() throws Exception {
    LakebaseDataSource ds = new LakebaseDataSource(core()
        .listener(LakebaseOpenTelemetry.listener(otel)).build());
    try (Connection c = ds.getConnection()) {
      selectOne(c);
    } finally {
      ds.close();
    }
    String target = ds.config().describeTarget();
    assertThat(longSum("lakebase.connect.attempts",
        Attributes.of(TARGET, target, OUTCOME, "success"))).isEqualTo(1);
    assertThat(longSum("lakebase.credential.mints", Attributes.of(RESULT, "success")))
        .isEqualTo(1);
    assertThat(points("db.client.connection.count")).as("no pool, no pool gauges").isEmpty();
    assertNothingSecret();
  }

  private void assertUnits() {
    Map<String, String> units = Map.of(
        "db.client.connection.count", "{connection}",
        "db.client.connection.max", "{connection}",
        "db.client.connection.pending_requests", "{request}",
        "db.client.connection.create_time", "s",
        "lakebase.credential.mints", "{mint}",
        "lakebase.credential.mint.duration", "s",
        "lakebase.credential.time_to_expiry", "s",
        "lakebase.connect.attempts", "{attempt}",
        "lakebase.connect.retries", "{retry}",
        "lakebase.connect.cold_start.duration", "s");
    Collection<MetricData> all = reader.collectAllMetrics();
    units.forEach((name, unit) -> assertThat(all).as(name)
        .anySatisfy(m -> {
          assertThat(m.getName()).isEqualTo(name);
          assertThat(m.getUnit()).isEqualTo(unit);
          assertThat(m.getInstrumentationScopeInfo().getName())
              .isEqualTo(LakebaseOpenTelemetry.INSTRUMENTATION_SCOPE);
        }));
    assertThat(all).filteredOn(m -> m.getName().equals("db.client.connection.count"))
        .allSatisfy(m -> assertThat(m.getType()).isEqualTo(MetricDataType.LONG_SUM));
  }

  private void assertNothingSecret() {
    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).isNotEmpty();
    for (MetricData m : reader.collectAllMetrics()) {
      for (PointData p : m.getData().getPoints()) {
        String attributes = p.getAttributes().toString();
        tokens.forEach(t -> assertThat(attributes).doesNotContain(t));
        assertThat(attributes).doesNotContain(emulator.defaultUser()).doesNotContain("eyJ");
      }
    }
  }

  private Stream<? extends PointData> points(String name) {
    return reader.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
        .flatMap(m -> m.getData().getPoints().stream());
  }

  private static boolean matches(PointData p, Attributes filter) {
    Map<AttributeKey<?>, Object> have = p.getAttributes().asMap();
    return filter.asMap().entrySet().stream()
        .allMatch(e -> e.getValue().equals(have.get(e.getKey())));
  }

  private long longSum(String name, Attributes filter) {
    return points(name).filter(p -> matches(p, filter))
        .mapToLong(p -> ((LongPointData) p).getValue()).sum();
  }

  private double doubleGauge(String name) {
    Optional<? extends PointData> point = points(name).findFirst();
    assertThat(point).as(name).isPresent();
    return ((DoublePointData) point.get()).getValue();
  }

  /** Count and sum of a histogram's points that match, summed over their other attributes. */
  private record Histogram(long getCount, double getSum) {}

  private Histogram histogram(String name) {
    return histogram(name, Attributes.empty());
  }

  private Histogram histogram(String name, Attributes filter) {
    List<HistogramPointData> matching = points(name).filter(p -> matches(p, filter))
        .map(HistogramPointData.class::cast).toList();
    assertThat(matching).as(name + " " + filter).isNotEmpty();
    return new Histogram(matching.stream().mapToLong(HistogramPointData::getCount).sum(),
        matching.stream().mapToDouble(HistogramPointData::getSum).sum());
  }

  private LakebaseConfig.Builder core() {
    WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl()).setToken(emulator.patFor(emulator.defaultUser())));
    return LakebaseConfig.builder()
        .endpoint(PRIMARY)
        .workspaceClient(workspace)
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .connectBudget(Duration.ofSeconds(20));
  }

  private static void selectOne(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }
}
