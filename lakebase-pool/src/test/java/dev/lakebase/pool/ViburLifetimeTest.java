package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.WAIT;
import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Vibur has no maximum lifetime; the module enforces it. Proven by the emulator's session ages,
 * not by the pool's own bookkeeping.
 */
@EmulatedLakebase
class ViburLifetimeTest extends EmulatorTest {

  private static final Duration LIFETIME = Duration.ofSeconds(2);
  /** Connect time, a query in flight at the deadline, the proxy noticing the close. */
  private static final Duration TOLERANCE = Duration.ofSeconds(1);

  private EmulatedCompute endpoint;

  @BeforeEach
  void endpoint() {
    endpoint = emulator.defaultEndpoint();
  }

  @Test
  void connectionsInUseAreRetiredWhenTheyComeBackAfterTheirLifetime() throws Exception {
    try (LakebaseViburDataSource ds = LakebasePools.vibur(core(emulator).build(),
        pool(PoolType.VIBUR).maxLifetime(LIFETIME).maximumPoolSize(2).build());
         QueryLoad load = new QueryLoad(ds, 2, "vibur-lifetime")) {
      load.start(Instant.now().plus(WAIT));
      // Without enforcement the two connections would live for the whole run.
      await().atMost(WAIT).until(() -> emulator.counters().loginsAccepted() >= 8);
      load.stop();

      Duration maxAge = emulator.counters().maxSessionAge();
      System.out.printf("vibur borrowed: %d queries, %d logins, max session age %s%n",
          load.queries(), emulator.counters().loginsAccepted(), maxAge);
      assertThat(load.failures()).isEmpty();
      assertThat(maxAge).isLessThanOrEqualTo(LIFETIME.plus(TOLERANCE));
    }
  }

  @Test
  void idleConnectionsAreClosedInTheBackgroundAtTheirLifetime() throws Exception {
    try (LakebaseViburDataSource ds = LakebasePools.vibur(core(emulator).build(),
        pool(PoolType.VIBUR).maxLifetime(LIFETIME).maximumPoolSize(3).build())) {
      List<Connection> borrowed = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        borrowed.add(ds.getConnection());
      }
      for (Connection c : borrowed) {
        selectOne(c);
        c.close();
      }
      assertThat(endpoint.activeSessions()).isEqualTo(3);
      assertThat(ds.stats().idle()).isEqualTo(3);

      // Nobody borrows any more: only the background sweep can close them.
      await().atMost(WAIT).until(() -> endpoint.activeSessions() == 0);

      Duration maxAge = emulator.counters().maxSessionAge();
      System.out.printf("vibur idle: max session age %s%n", maxAge);
      assertThat(maxAge).isLessThanOrEqualTo(LIFETIME.plus(TOLERANCE));
      assertThat(ds.stats().total()).isZero();
      assertThat(emulator.counters().loginsAccepted()).isEqualTo(3);

      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).as("the pool opens a fresh one when needed").isEqualTo(1);
      }
    }
  }
}
