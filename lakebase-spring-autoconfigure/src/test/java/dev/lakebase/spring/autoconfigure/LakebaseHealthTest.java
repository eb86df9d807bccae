package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.spring.autoconfigure.internal.LakebaseHealthIndicator;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health indicator does not wake a scale-to-zero endpoint: a probe loop against a pool with
 * no open connection logs in 0 times (unless {@code lakebase.health.validate-connection=true}),
 * and reports a failed connect; the pool meters add up.
 */
@EmulatedLakebase
class LakebaseHealthTest {

  private static final int PROBES = 20;

  private LakebaseEmulator emulator;
  private ApplicationContextRunner runner;

  @BeforeEach
  void fresh(LakebaseEmulator emulator) {
    this.emulator = emulator;
    emulator.reset();
    LakebaseRuntime.reset();
    runner = TestSupport.runner(emulator, emulator.defaultEndpoint())
        .withConfiguration(AutoConfigurations.of(LakebaseHealthContributorAutoConfiguration.class,
            LakebaseMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
  }

  @Test
  void aProbeLoopAgainstAnIdlePoolLogsInZeroTimes() {
    runner.run(context -> {
      LakebaseHealthIndicator health = context.getBean(LakebaseHealthIndicator.class);
      for (int i = 0; i < PROBES; i++) {
        Health h = health.health();
        assertThat(h.getStatus()).isEqualTo(Status.UP);
        assertThat(h.getDetails()).containsKeys("credential", "pool", "connection");
      }
      assertThat(emulator.counters().loginsAccepted() + emulator.counters().loginsRejected())
          .as("logins caused by %d probes", PROBES).isZero();
      assertThat(emulator.counters().mints()).isZero();

      // With an open connection the probe validates it, as before.
      DataSource ds = context.getBean(DataSource.class);
      try (Connection c = ds.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
      long logins = emulator.counters().loginsAccepted();
      Health h = health.health();
      assertThat(h.getStatus()).isEqualTo(Status.UP);
      assertThat(h.getDetails()).doesNotContainKey("connection");
      assertThat(emulator.counters().loginsAccepted()).as("reuses the open one").isEqualTo(logins);

      MeterRegistry registry = context.getBean(MeterRegistry.class);
      double sum = registry.find("lakebase.pool.connections").gauges().stream()
          .mapToDouble(g -> g.value()).sum();
      assertThat(sum).as("active + idle = open connections").isEqualTo(1);
      assertThat(registry.get("lakebase.pool.connections.max").gauge().value()).isEqualTo(10);
    });
  }

  @Test
  void validateConnectionBorrowsAsBefore() {
    runner.withPropertyValues("lakebase.health.validate-connection=true").run(context -> {
      Health h = context.getBean(LakebaseHealthIndicator.class).health();
      assertThat(h.getStatus()).isEqualTo(Status.UP);
      assertThat(emulator.counters().loginsAccepted()).isEqualTo(1);
    });
  }

  @Test
  void aPermanentFailureIsDownWithAtMostOneConnectPerBackoffPeriod() {
    runner.withPropertyValues("lakebase.user=someone-else@example.com").run(context -> {
      try (Connection c = context.getBean(DataSource.class).getConnection()) {
        throw new AssertionError("connected as the wrong user");
      } catch (java.sql.SQLException expected) {
        // the pool keeps it as its last connect failure
      }
      long logins = emulator.counters().loginsRejected();
      long t0 = System.nanoTime();
      for (int i = 0; i < PROBES; i++) {
        Health h = context.getBean(LakebaseHealthIndicator.class).health();
        assertThat(h.getStatus()).isEqualTo(Status.DOWN);
        assertThat(String.valueOf(h.getDetails().get("error")))
            .contains("rejected the login of user 'someone-else@example.com'");
        assertThat(h.getDetails().toString()).doesNotContain(emulator.counters().mintedTokens()
            .toArray(String[]::new));
      }
      long periods = 1 + (System.nanoTime() - t0) / 1_000_000_000L;
      assertThat(emulator.counters().loginsRejected() - logins)
          .as("logins by %d probes: at most one connect (2 logins: the re-mint) per period",
              PROBES)
          .isLessThanOrEqualTo(2 * periods);
    });
  }
}
