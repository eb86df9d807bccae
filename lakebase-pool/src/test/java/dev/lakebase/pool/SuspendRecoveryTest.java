package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.WAIT;
import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The endpoint suspends in the middle of a run (every session is dropped) and refuses logins for
 * a second while it wakes: only work on the dropped sessions fails, borrowers wait for the wake
 * instead of timing out, and the pool refills.
 */
@EmulatedLakebase
class SuspendRecoveryTest extends EmulatorTest {

  private static final int WORKERS = 6;

  private EmulatedCompute endpoint;

  @BeforeEach
  void endpoint() {
    endpoint = emulator.defaultEndpoint();
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void thePoolRefillsAfterTheWakeAndOnlyDroppedSessionsFail(PoolType type) throws Exception {
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).maximumPoolSize(WORKERS).build());
         QueryLoad load = new QueryLoad(ds, WORKERS, "suspend-" + type)) {
      load.start(Instant.now().plus(WAIT.multipliedBy(2)));
      await().atMost(WAIT).until(() -> load.queries() >= 300 && ds.stats().total() >= 2);

      endpoint.wakeBehaviour(WakeBehaviour.refuse(Duration.ofSeconds(1)));
      long loginsBefore = emulator.counters().loginsAccepted();
      int openAtSuspend = endpoint.activeSessions();
      long queriesAtSuspend = load.queries();
      endpoint.suspend();

      await().atMost(WAIT).until(() -> load.queries() >= queriesAtSuspend + 300);
      load.stop();

      System.out.printf("%s suspend: %d sessions open at the suspend, %d failed queries %s,"
              + " %d failed borrows, %d queries in all, %d logins after the wake,"
              + " longest borrow %s (connection timeout %s)%n",
          type, openAtSuspend, load.failures().size() - load.borrowFailures(), load.failures(),
          load.borrowFailures(), load.queries(),
          emulator.counters().loginsAccepted() - loginsBefore, load.maxBorrowWait(),
          ds.lakebaseDataSource().config().connectBudget().plus(LakebasePoolConfig.CONNECTION_TIMEOUT_MARGIN));
      assertThat(load.borrowFailures())
          .as("borrowers wait for the wake within the connection timeout").isZero();
      assertThat(load.failures()).as("only work on a dropped session fails")
          .hasSizeLessThanOrEqualTo(openAtSuspend)
          .allSatisfy(f -> assertThat(f.sqlState()).startsWith("08"));
      assertThat(endpoint.wakeups()).isEqualTo(1);
      assertThat(emulator.counters().loginsAccepted()).as("the pool refilled")
          .isGreaterThan(loginsBefore);
      assertThat(ds.stats().total()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void closingDoesNotWaitForAConnectRetryingThroughAnOutage(PoolType type) throws Exception {
    // A borrower already waiting in HikariCP is not woken by close(): it waits out its
    // connection timeout, kept short here; the pool's own shutdown must not wait at all.
    LakebasePooledDataSource ds = LakebasePools.create(
        core(emulator).connectBudget(Duration.ofMinutes(10)).build(),
        pool(type).connectionTimeout(Duration.ofSeconds(5)).build());
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    long refusedBefore = emulator.counters().loginsRejected();
    CompletableFuture<Void> borrower = CompletableFuture.runAsync(() -> {
      try (Connection c = ds.getConnection()) {
        c.isValid(1);
      } catch (SQLException expected) {
        // the pool is closed under it
      }
    });
    await().atMost(WAIT).until(() -> emulator.counters().loginsRejected() > refusedBefore + 1);

    // The connect budget is 10 minutes: closing must not wait for it.
    CompletableFuture.runAsync(ds::close).get(30, TimeUnit.SECONDS);
    assertThat(ds.stats().total()).isZero();
    borrower.get(60, TimeUnit.SECONDS);
  }
}
