package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static dev.lakebase.r2dbc.R2dbcTests.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.EmulatedLakebase;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.R2dbcTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * {@code maxAcquireTime} bounds an acquire that waits for a busy pool, and a pool that timed an
 * acquirer out still serves the next one.
 */
@EmulatedLakebase
class AcquireTimeoutTest extends EmulatorTest {

  @Test
  void anAcquireWaitingForABusyPoolTimesOutAndThePoolStillServes() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    ConnectionPool pool = LakebaseConnectionPools.create(factory, LakebaseR2dbcPoolConfig.builder()
        .maxSize(1).initialSize(1).maxAcquireTime(Duration.ofMillis(300)).build());
    try {
      // The connect happens here, outside any acquire's deadline.
      assertThat(pool.warmup().block(WAIT)).isEqualTo(1);
      Connection held = Mono.from(pool.create()).block(WAIT);
      assertThat(query(held, "SELECT 1").block(WAIT)).isEqualTo("1");

      assertThatThrownBy(() -> Mono.from(pool.create()).block(WAIT))
          .isInstanceOf(R2dbcTimeoutException.class)
          .hasMessage("Connection acquisition timed out after 300ms");
      assertThat(pool.getMetrics().orElseThrow().pendingAcquireSize())
          .as("the timed-out acquire no longer waits").isZero();

      Mono.from(held.close()).block(WAIT);
      Connection next = Mono.from(pool.create()).block(WAIT);
      assertThat(query(next, "SELECT 2").block(WAIT)).isEqualTo("2");
      Mono.from(next.close()).block(WAIT);
      assertThat(emulator.counters().loginsAccepted()).as("one session served all").isEqualTo(1);
    } finally {
      pool.dispose();
      factory.dispose();
    }
  }
}
