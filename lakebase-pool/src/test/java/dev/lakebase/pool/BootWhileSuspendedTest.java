package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.RejectReason;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application boots while its endpoint is suspended: creating the pool touches nothing, and
 * the first borrow waits for the wake (logins held, or refused with 57P03 and retried) instead of
 * failing.
 */
@EmulatedLakebase
class BootWhileSuspendedTest extends EmulatorTest {

  static Stream<Arguments> poolsAndWakes() {
    return Stream.of(PoolType.values()).flatMap(type -> Stream.of(
        Arguments.of(type, true), Arguments.of(type, false)));
  }

  @ParameterizedTest(name = "{0}, logins refused while waking: {1}")
  @MethodSource("poolsAndWakes")
  void creatingThePoolTouchesNothingAndTheFirstBorrowWaitsForTheWake(PoolType type,
      boolean refuse) throws Exception {
    LakebaseConfig config = core(emulator).build(); // builds the SDK client, which calls the API
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    endpoint.wakeBehaviour(refuse ? WakeBehaviour.refuse(Duration.ofSeconds(1))
        : WakeBehaviour.hold(Duration.ofSeconds(1)));
    endpoint.suspend();
    emulator.counters().reset();

    try (LakebasePooledDataSource ds = LakebasePools.create(config, pool(type).build())) {
      assertThat(emulator.counters().logins()).as("no login attempt at creation").isEmpty();
      assertThat(emulator.counters().mints()).isZero();
      assertThat(emulator.counters().apiCalls()).isZero();
      assertThat(endpoint.state()).isEqualTo(EmulatedCompute.State.IDLE);

      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
    assertThat(endpoint.wakeups()).isEqualTo(1);
    long refused = emulator.counters().loginsRejected(RejectReason.WAKING);
    assertThat(emulator.counters().loginsRejected()).isEqualTo(refused);
    if (refuse) {
      assertThat(refused).as("refused logins were retried").isPositive();
    } else {
      assertThat(refused).isZero();
    }
  }

  /**
   * Vibur opens its initial connections inside start() and terminates the pool for good when
   * one fails; the module opens them in the background, so a first borrow that fails while the
   * endpoint is down leaves a pool that works once it is up.
   */
  @Test
  void aViburPoolWithMinimumIdleSurvivesAFirstBorrowWhileTheEndpointIsDown() throws Exception {
    LakebaseConfig config = core(emulator).connectBudget(Duration.ofSeconds(1)).build();
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();

    try (LakebasePooledDataSource ds = LakebasePools.create(config, pool(PoolType.VIBUR)
        .minimumIdle(2).maximumPoolSize(4).connectionTimeout(Duration.ofSeconds(2)).build())) {
      assertThatThrownBy(ds::getConnection).isInstanceOf(SQLException.class);

      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
      endpoint.wake();
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
  }

  @Test
  void aViburPoolOpensItsMinimumIdleConnectionsAfterTheFirstBorrow() throws Exception {
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(PoolType.VIBUR).minimumIdle(3).maximumPoolSize(5).build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      await().atMost(PoolTests.WAIT).until(() -> ds.stats().total() >= 3);
      assertThat(ds.stats().total()).isLessThanOrEqualTo(4);
    }
  }
}
