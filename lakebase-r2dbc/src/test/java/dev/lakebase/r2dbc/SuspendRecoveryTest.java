package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.WakeBehaviour;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The endpoint suspends in the middle of a reactive load (every session is dropped) and refuses
 * logins for a second while it waking: only work on the dropped sessions fails; acquires wait
 * for the wake and succeed within the budget; the pool refills.
 */
@EmulatedLakebase
class SuspendRecoveryTest extends EmulatorTest {

  private static final int WORKERS = 6;

  @Test
  void acquiresWaitForTheWakeAndOnlyDroppedSessionsFail() {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    ConnectionPool pool = LakebaseConnectionPools.create(factory,
        LakebaseR2dbcPoolConfig.builder().maxSize(WORKERS).build());
    try (ReactiveLoad load = new ReactiveLoad(pool, WORKERS)) {
      load.start(Instant.now().plus(WAIT.multipliedBy(2)));
      await().atMost(WAIT).until(() -> load.queries() >= 300);

      endpoint.wakeBehaviour(WakeBehaviour.refuse(Duration.ofSeconds(1)));
      long loginsBefore = emulator.counters().loginsAccepted();
      int openAtSuspend = endpoint.activeSessions();
      long queriesAtSuspend = load.queries();
      endpoint.suspend();

      await().atMost(WAIT).until(() -> load.queries() >= queriesAtSuspend + 300);
      load.stop();

      System.out.printf("suspend: %d sessions open at the suspend, %d failures %s, %d queries,"
              + " %d logins after the wake, longest acquire %s%n", openAtSuspend,
          load.failures().size(), load.failures(), load.queries(),
          emulator.counters().loginsAccepted() - loginsBefore, load.maxAcquireWait());
      assertThat(load.acquireFailures()).as("acquires wait for the wake").isZero();
      assertThat(load.failures()).as("only work on a dropped session fails")
          .hasSizeLessThanOrEqualTo(openAtSuspend);
      assertThat(endpoint.wakeups()).isEqualTo(1);
      assertThat(emulator.counters().loginsAccepted()).as("the pool refilled")
          .isGreaterThan(loginsBefore);
    } finally {
      pool.dispose();
      factory.dispose();
    }
  }
}
