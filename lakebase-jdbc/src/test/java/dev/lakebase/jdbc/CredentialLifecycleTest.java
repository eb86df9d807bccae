package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.WAIT;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.EmulatorCounters;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens are minted per target and identity, shared, refreshed ahead of expiry. */
@EmulatedLakebase
class CredentialLifecycleTest {

  private final LakebaseEmulator emulator;

  CredentialLifecycleTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void manyPhysicalConnectsWithinOneTokenLifeMintOnce() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      for (int i = 0; i < 200; i++) {
        try (Connection c = ds.getConnection()) {
          assertThat(selectOne(c)).isEqualTo(1);
        }
      }
      EmulatorCounters counters = emulator.counters();
      assertThat(counters.loginsAccepted(PRIMARY)).isEqualTo(200);
      assertThat(counters.mints()).isEqualTo(1);
      assertThat(counters.loginsRejected()).isZero();
      assertThat(ds.credentialStatus().mints()).isEqualTo(1);
      assertThat(ds.credentialStatus().valid()).isTrue();
    }
  }

  @Test
  void connectsAfterExpiryCarryAFreshToken() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(5));
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
        try (Connection c = ds.getConnection()) {
          assertThat(selectOne(c)).isEqualTo(1);
        }
        return emulator.counters().mints() >= 3;
      });
    }
    EmulatorCounters counters = emulator.counters();
    assertThat(counters.loginsRejected()).isZero();
    assertThat(counters.loginsWithExpiredToken()).isZero();
    List<LoginRecord> logins = counters.logins();
    assertThat(logins).allSatisfy(l -> {
      assertThat(l.accepted()).isTrue();
      assertThat(l.tokenExpiresAt()).isAfter(l.at());
    });
    Set<String> tokensUsed = new HashSet<>();
    logins.forEach(l -> tokensUsed.add(l.tokenFingerprint()));
    assertThat(tokensUsed).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void concurrentConnectsOnAColdCacheShareOneMint() throws Exception {
    int threads = 64;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          try (Connection c = ds.getConnection()) {
            return selectOne(c);
          }
        }));
      }
      start.countDown();
      for (Future<Integer> r : results) {
        assertThat(r.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1);
      }
      assertThat(emulator.counters().mints()).isEqualTo(1);
      assertThat(emulator.counters().loginsAccepted()).isEqualTo(threads);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTokenIsRefreshedInTheBackgroundBeforeItExpires() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(5));
    List<Instant> refreshedAt = new ArrayList<>();
    RecordingListener events = new RecordingListener() {
      @Override
      public void onMint(MintEvent e) {
        super.onMint(e);
        if (e.background() && e.success()) {
          synchronized (refreshedAt) {
            refreshedAt.add(Instant.now());
          }
        }
      }
    };
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      int attemptsBefore = events.attempts.size();
      await().atMost(WAIT).until(() -> !refreshedAt.isEmpty());
      MintEvent first = events.mints.get(0);
      assertThat(first.background()).isFalse();
      assertThat(refreshedAt.get(0)).as("refreshed before the first token expired")
          .isBefore(first.expiresAt());
      assertThat(events.attempts).as("no connect was involved").hasSize(attemptsBefore);
      assertThat(emulator.counters().mints()).isEqualTo(2);
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      assertThat(emulator.counters().mints()).as("the connect used the refreshed token")
          .isEqualTo(2);
    }
  }

  @Test
  void dataSourcesOfTheSameTargetShareOneCache() throws Exception {
    try (LakebaseDataSource a = new LakebaseDataSource(config(emulator).build());
        LakebaseDataSource b = new LakebaseDataSource(config(emulator)
            .applicationName("other").build())) {
      try (Connection c1 = a.getConnection(); Connection c2 = b.getConnection()) {
        assertThat(selectOne(c1) + selectOne(c2)).isEqualTo(2);
      }
      assertThat(emulator.counters().mints()).isEqualTo(1);
      assertThat(b.credentialStatus().mints()).isEqualTo(1);
    }
  }
}
