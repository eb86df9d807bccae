package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.core;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LoginRecord;
import io.r2dbc.pool.ConnectionPool;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reactive load through the pool across several token lifetimes (6 s tokens, a 20 s soak): every
 * query succeeds, the pool keeps logging in with fresh tokens, never an expired one.
 */
@EmulatedLakebase
class RotationSoakTest extends EmulatorTest {

  @Test
  void tokensRotateUnderLoadWithoutAFailedQuery() {
    emulator.tokenLifetime(Duration.ofSeconds(6));
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    ConnectionPool pool = LakebaseConnectionPools.create(factory, LakebaseR2dbcPoolConfig.builder()
        .maxSize(4).tokenLifetime(Duration.ofSeconds(6)).maxLifeTime(Duration.ofSeconds(3))
        .backgroundEvictionInterval(Duration.ofMillis(500)).build());
    try (ReactiveLoad load = new ReactiveLoad(pool, 8)) {
      load.start(Instant.now().plusSeconds(20)).join();

      Set<String> tokens = emulator.counters().logins().stream().filter(LoginRecord::accepted)
          .map(LoginRecord::tokenFingerprint).collect(Collectors.toSet());
      System.out.printf("soak: %d queries, %d failures %s, %d logins, %d distinct tokens,"
              + " %d mints, longest acquire %s%n", load.queries(), load.failures().size(),
          load.failures(), emulator.counters().loginsAccepted(), tokens.size(),
          emulator.counters().mints(), load.maxAcquireWait());
      assertThat(load.failures()).isEmpty();
      assertThat(load.queries()).isGreaterThan(500);
      assertThat(tokens).as("logins used tokens of several lifetimes").hasSizeGreaterThanOrEqualTo(4);
      assertThat(emulator.counters().loginsWithExpiredToken()).isZero();
      assertThat(emulator.counters().loginsRejected()).isZero();
    } finally {
      pool.dispose();
      factory.dispose();
    }
  }
}
