package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConnectFailure;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.RejectReason;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Permanent connect failures reach borrowers of both pools within seconds with the core's message
 * on top, later borrows fail fast too, and the pool tries again only once per backoff period; the
 * pool recovers by itself once the cause is gone; a cold start longer than 2 s still succeeds.
 * Times are asserted against generous deadlines (a loaded machine), counts via the emulator.
 */
@EmulatedLakebase
class FailFastTest extends EmulatorTest {

  /** The bound of 2 s, with slack for a shared machine. */
  private static final Duration FAST = Duration.ofSeconds(4);
  private static final int BORROWS = 10;

  /** A permanent cause: how to configure it, what the message names, the setting to change. */
  enum Cause {
    UNKNOWN_ENDPOINT(e -> core(e).endpoint("projects/demo/branches/main/endpoints/nope"),
        "endpoints/nope not found", ConfigKey.ENDPOINT),
    BAD_WORKSPACE_TOKEN(e -> core(e).workspaceClient(new WorkspaceClient(new DatabricksConfig()
        .setHost(e.workspaceUrl()).setToken("dapi-not-a-valid-token"))),
        "rejected the Databricks credentials as invalid or expired", ConfigKey.DATABRICKS_TOKEN),
    IDENTITY_MISMATCH(e -> core(e).user("someone-else@example.com"),
        "rejected the login of user 'someone-else@example.com'", ConfigKey.USER),
    UNKNOWN_DATABASE(e -> core(e).database("nope"), "check database", ConfigKey.DATABASE);

    final Function<LakebaseEmulator, LakebaseConfig.Builder> config;
    final String message;
    final ConfigKey setting;

    Cause(Function<LakebaseEmulator, LakebaseConfig.Builder> config, String message,
        ConfigKey setting) {
      this.config = config;
      this.message = message;
      this.setting = setting;
    }
  }

  static Stream<Arguments> causes() {
    List<Arguments> all = new ArrayList<>();
    for (PoolType type : PoolType.values()) {
      for (Cause cause : Cause.values()) {
        all.add(Arguments.of(type, cause));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("causes")
  void aPermanentFailureReachesEveryBorrowerFastWithTheCoreMessage(PoolType type, Cause cause)
      throws Exception {
    try (LakebasePooledDataSource ds = LakebasePools.create(cause.config.apply(emulator).build(),
        pool(type).build())) {
      List<Long> millis = new ArrayList<>();
      Set<String> messages = new HashSet<>();
      long start = System.nanoTime();
      for (int i = 0; i < BORROWS; i++) {
        long t0 = System.nanoTime();
        SQLException e = borrowFails(ds);
        millis.add((System.nanoTime() - t0) / 1_000_000);
        messages.add(e.getMessage());
        assertThat(e.getMessage()).as("top-level message").contains(cause.message)
            .doesNotContain("request timed out");
        assertThat(LakebaseConnectFailure.find(e)).hasValueSatisfying(f -> {
          assertThat(f.isPermanent()).isTrue();
          assertThat(f.setting()).contains(cause.setting);
        });
        assertNoRepeatedMessage(e);
      }
      long total = (System.nanoTime() - start) / 1_000_000;
      // All borrows ran within the first backoff period (or just past it): at most 2 real tries.
      long logins = emulator.counters().loginsRejected();
      long mints = emulator.counters().mints();
      long apiCalls = emulator.counters().apiCalls();
      System.out.printf("%s %s: borrow times %s ms (total %d ms), %d login attempts, %d mints,"
          + " %d workspace API calls; message: %s%n", type, cause, millis, total, logins, mints,
          apiCalls, messages.iterator().next());
      assertThat(millis.get(0)).as("first borrow, ms").isLessThan(FAST.toMillis());
      assertThat(millis).as("later borrows, ms").allMatch(ms -> ms < FAST.toMillis());
      int periods = 1 + (int) (total / 1000);
      int perAttempt = cause == Cause.IDENTITY_MISMATCH ? 2 : 1; // the one re-mint
      assertThat(logins).as("logins tried").isLessThanOrEqualTo((long) periods * perAttempt);
      assertThat(mints).as("mints").isLessThanOrEqualTo((long) periods * perAttempt);
      assertThat(ds.lastConnectFailure()).hasValueSatisfying(f -> assertThat(f.permanent()).isTrue());
    }
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void thePoolRecoversOnceTheEndpointExists(PoolType type) throws Exception {
    // The workspace API answers 404 for the endpoint until it "is created" (the faults clear).
    emulator.api().failNext(1_000, 404, "/api/2.0/postgres/" + PoolTests.PRIMARY);
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).build())) {
      SQLException e = borrowFails(ds);
      assertThat(e.getMessage()).contains("not found (HTTP 404");
      emulator.api().clear();
      long t0 = System.nanoTime();
      Connection c = null;
      int failedMeanwhile = 0;
      while (c == null && System.nanoTime() - t0 < Duration.ofSeconds(20).toNanos()) {
        try {
          c = ds.getConnection();
        } catch (SQLException stillGated) {
          failedMeanwhile++;
          Thread.sleep(100);
        }
      }
      assertThat(c).as("recovered without a restart").isNotNull();
      try (Connection open = c) {
        assertThat(selectOne(open)).isEqualTo(1);
      }
      System.out.printf("%s recovered %d ms after the endpoint appeared (%d borrows failed fast"
          + " meanwhile)%n", type, (System.nanoTime() - t0) / 1_000_000, failedMeanwhile);
      assertThat(ds.lastConnectFailure()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void aColdStartLongerThanTwoSecondsStillSucceeds(PoolType type) throws Exception {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    endpoint.wakeBehaviour(WakeBehaviour.refuse(Duration.ofMillis(2_500)));
    endpoint.suspend();
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).build())) {
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("%s cold start: connected after %d ms (%d refused logins)%n", type, ms,
          emulator.counters().loginsRejected(RejectReason.WAKING));
      assertThat(ms).as("waited for the wake").isGreaterThanOrEqualTo(2_000);
    }
  }

  @Test
  void aBudgetRunningOutIsNamedByTheBorrowersException() throws Exception {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    LakebaseConfig config = core(emulator).connectBudget(Duration.ofSeconds(2)).build();
    try (LakebasePooledDataSource ds = LakebasePools.create(config, pool(PoolType.HIKARI).build())) {
      long t0 = System.nanoTime();
      SQLException e = borrowFails(ds);
      long ms = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("HIKARI budget 2s, endpoint never wakes: failed after %d ms: %s%n", ms,
          e.getMessage());
      assertThat(e.getMessage()).contains("within 2s");
      assertThat(ms).as("budget + margin + slack").isLessThan(2_000 + 2_000 + 3_000);
      assertThat(LakebaseConnectFailure.find(e)).hasValueSatisfying(
          f -> assertThat(f.isPermanent()).isFalse());
    }
  }

  private static SQLException borrowFails(LakebasePooledDataSource ds) {
    try (Connection c = ds.getConnection()) {
      throw new AssertionError("connected: " + c);
    } catch (SQLException e) {
      return e;
    }
  }

  private static void assertNoRepeatedMessage(Throwable e) {
    Set<String> seen = new HashSet<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        assertThat(seen.add(t.getMessage())).as("message repeated in the cause chain: %s",
            t.getMessage()).isTrue();
      }
    }
  }
}
