package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.WAIT;
import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.EmulatorCounters;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Token and connection rotation under load, in compressed time: 16 threads per pool run queries
 * for a minute while tokens expire and connections reach their lifetime several times over. Both
 * pools run at once, each against its own emulator so that the emulators' counters (mints,
 * logins, session ages) belong to one pool each.
 *
 * <p>Vibur: 20 s tokens, 12 s lifetime. HikariCP: 40 s tokens, 30 s lifetime, because HikariCP
 * does not accept a maximum lifetime under 30 s (it would silently use 30 min).
 */
@EmulatedLakebase
class RotationSoakTest extends EmulatorTest {

  private static final Duration RUN = Duration.ofSeconds(60);
  private static final int THREADS = 16;
  private static final int POOL_SIZE = 10;
  /** Connect time, a query in flight at the deadline, the proxy noticing the close. */
  private static final Duration TOLERANCE = Duration.ofSeconds(2);

  @Test
  void bothPoolsRotateTokensAndConnectionsWithoutAFailedQuery() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(20));
    try (LakebaseEmulator hikariEmulator =
             LakebaseEmulator.builder().tokenLifetime(Duration.ofSeconds(40)).start();
         Soak vibur = new Soak(PoolType.VIBUR, emulator, Duration.ofSeconds(12));
         Soak hikari = new Soak(PoolType.HIKARI, hikariEmulator, Duration.ofSeconds(30))) {
      Instant deadline = Instant.now().plus(RUN);
      vibur.start(deadline);
      hikari.start(deadline);
      assertThat(vibur.load.awaitEnd(RUN.plus(WAIT))).isTrue();
      assertThat(hikari.load.awaitEnd(RUN.plus(WAIT))).isTrue();
      vibur.check();
      hikari.check();
    }
  }

  /** One pool under load against its own emulator. */
  private static final class Soak implements AutoCloseable {
    final PoolType type;
    final LakebaseEmulator emulator;
    final Duration lifetime;
    final LakebasePooledDataSource pool;
    final QueryLoad load;

    Soak(PoolType type, LakebaseEmulator emulator, Duration lifetime) {
      this.type = type;
      this.emulator = emulator;
      this.lifetime = lifetime;
      this.pool = LakebasePools.create(core(emulator).build(), pool(type)
          .maximumPoolSize(POOL_SIZE).tokenLifetime(emulator.tokenLifetime()).maxLifetime(lifetime)
          .build());
      this.load = new QueryLoad(pool, THREADS, "soak-" + type);
      emulator.counters().reset();
    }

    void start(Instant deadline) {
      load.start(deadline);
    }

    void check() {
      EmulatorCounters counters = emulator.counters();
      Duration tokenLifetime = emulator.tokenLifetime();
      // The core refreshes a token halfway through its life (refreshAhead is capped at half).
      long mintBound = RUN.toMillis() / tokenLifetime.dividedBy(2).toMillis() + 2;
      long tokensUsed = counters.logins().stream().map(LoginRecord::tokenFingerprint).distinct()
          .count();
      System.out.printf("%s soak (%s tokens, %s lifetime, %d threads, %s): %d queries,"
              + " %d failures, %d mints (bound %d), %d logins with %d tokens, %d rejected,"
              + " %d with an expired token, max session age %s%n",
          type, tokenLifetime, lifetime, THREADS, RUN, load.queries(), load.failures().size(),
          counters.mints(), mintBound, counters.loginsAccepted(), tokensUsed,
          counters.loginsRejected(), counters.loginsWithExpiredToken(),
          counters.maxSessionAge());

      assertThat(load.failures()).as(type + " failed queries").isEmpty();
      assertThat(load.queries()).isPositive();
      assertThat(counters.loginsRejected()).isZero();
      assertThat(counters.loginsWithExpiredToken()).isZero();
      assertThat(counters.logins()).allSatisfy(login -> {
        assertThat(login.accepted()).isTrue();
        assertThat(login.tokenExpiresAt()).isAfter(login.at());
      });
      assertThat(counters.maxSessionAge()).as(type + " oldest session")
          .isLessThanOrEqualTo(lifetime.plus(TOLERANCE));
      assertThat(counters.loginsAccepted()).as(type + " replaced its connections")
          .isGreaterThan(POOL_SIZE);
      assertThat(tokensUsed).as(type + " logged in with rotated tokens").isGreaterThan(1);
      assertThat(counters.mints()).isBetween(2L, mintBound);
    }

    @Override
    public void close() throws InterruptedException {
      try {
        load.close();
      } finally {
        pool.close();
      }
    }
  }
}
