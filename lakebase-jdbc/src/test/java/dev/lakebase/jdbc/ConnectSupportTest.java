package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.integration.ConnectAttempts;
import dev.lakebase.jdbc.integration.ConnectFailure;
import dev.lakebase.jdbc.integration.LakebaseConnectSupport;
import dev.lakebase.jdbc.integration.LoginPlan;
import dev.lakebase.jdbc.integration.RetryDecision;
import dev.lakebase.jdbc.integration.TargetUrls;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The integration seam: an integration's connect gets the JDBC side's cached token, host and
 * addresses, and the core's decisions for its failures.
 */
@EmulatedLakebase
class ConnectSupportTest {

  private LakebaseEmulator emulator;

  @BeforeEach
  void fresh(LakebaseEmulator emulator) {
    this.emulator = emulator;
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void aPlanCarriesTheTokenOfTheSharedCacheAndTheEndpointHost() throws Exception {
    LakebaseConfig config = EmulatorSupport.config(emulator).build();
    try (LakebaseDataSource jdbc = new LakebaseDataSource(config);
         LakebaseConnectSupport support = LakebaseConnectSupport.create(config)) {
      try (Connection c = jdbc.getConnection()) {
        assertThat(c.isValid(5)).isTrue();
      }
      LoginPlan plan = support.begin().prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(plan.user()).isEqualTo(emulator.defaultUser());
      assertThat(plan.password()).isEqualTo(emulator.counters().mintedTokens().get(0));
      assertThat(plan.host()).isEqualTo(emulator.defaultEndpoint().host());
      assertThat(plan.port()).isEqualTo(emulator.port());
      assertThat(plan.addresses()).isNotEmpty();
      assertThat(plan.toString()).doesNotContain(plan.password());
      assertThat(emulator.counters().mints()).as("one mint for both").isEqualTo(1);
      assertThat(support.credentialStatus().mints()).isEqualTo(1);
    }
  }

  @Test
  void theCoreDecidesRetriesAndTheFinalMessage() throws Exception {
    LakebaseConfig config = EmulatorSupport.config(emulator)
        .initialBackoff(Duration.ofMillis(10)).maxBackoff(Duration.ofMillis(40)).build();
    try (LakebaseConnectSupport support = LakebaseConnectSupport.create(config)) {
      // A rejected login: the token is dropped, one immediate retry, then a permanent failure.
      ConnectAttempts attempts = support.begin();
      LoginPlan first = attempts.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      RetryDecision remint = attempts.failed(ConnectFailure.serverError("28P01",
          "password authentication failed", null, first.password()));
      assertThat(remint.retry()).isTrue();
      assertThat(remint.delay()).isZero();
      LoginPlan second = attempts.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(second.password()).isNotEqualTo(first.password());
      RetryDecision rejected = attempts.failed(ConnectFailure.serverError("28P01",
          "password authentication failed", null, second.password()));
      assertThat(rejected.retry()).isFalse();
      assertThat(rejected.exception()).get()
          .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains("Check user")
              .doesNotContain(second.password()));

      // Transient failures back off within the budget; a cold start is classified as such.
      ConnectAttempts cold = support.begin();
      cold.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      RetryDecision waking = cold.failed(ConnectFailure.serverError("57P03",
          "the database system is starting up", null));
      assertThat(waking.retry()).isTrue();
      assertThat(waking.failure().kind()).isEqualTo(FailureKind.COLD_START);
      assertThat(waking.delay()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(40));
      cold.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      RetryDecision refused = cold.failed(new java.sql.SQLException("Connection refused", "08001",
          new ConnectException("Connection refused")));
      assertThat(refused.retry()).isTrue();
      assertThat(refused.failure().kind()).isEqualTo(FailureKind.CONNECTION_REFUSED);

      // A permanent failure ends the connect at once with the core's message.
      ConnectAttempts permanent = support.begin();
      permanent.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
      RetryDecision unknownDatabase = permanent.failed(ConnectFailure.serverError("3D000",
          "database \"nope\" does not exist", null));
      assertThat(unknownDatabase.retry()).isFalse();
      assertThat(unknownDatabase.exception()).get()
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains("check database"));
    }
  }

  @Test
  void aBudgetSpentOnTransientFailuresEndsWithTheTransientException() throws Exception {
    // The shared cache is warmed by a DataSource; user and host are given, so the 300 ms budget
    // is spent on the failures alone, not on workspace calls.
    try (LakebaseDataSource warm = new LakebaseDataSource(
        EmulatorSupport.config(emulator).user(emulator.defaultUser()).build());
         Connection c = warm.getConnection()) {
      assertThat(c.isValid(5)).isTrue();
    }
    LakebaseConfig config = EmulatorSupport.config(emulator).user(emulator.defaultUser())
        .host(emulator.defaultEndpoint().host())
        .connectBudget(Duration.ofMillis(300)).initialBackoff(Duration.ofMillis(50))
        .maxBackoff(Duration.ofMillis(100)).build();
    try (LakebaseConnectSupport support = LakebaseConnectSupport.create(config)) {
      ConnectAttempts attempts = support.begin();
      RetryDecision d;
      do {
        Throwable failure = new ConnectException("Connection refused");
        try {
          attempts.prepare().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          failure = e.getCause();   // a loaded machine: even the cached steps ran out of budget
        }
        d = attempts.failed(failure);
        if (d.retry()) {
          Thread.sleep(d.delay().toMillis());
        }
      } while (d.retry());
      assertThat(d.exception()).get().isInstanceOf(SQLTransientConnectionException.class)
          .satisfies(e -> assertThat(e.getMessage()).contains("within 300ms")
              .contains("raise connectBudget"));
      assertThat(attempts.attempts()).isGreaterThan(1);
    }
  }

  @Test
  void theUrlGrammarWorksUnderAnotherPrefix() {
    assertThat(TargetUrls.parse("r2dbc:lakebase:",
        "r2dbc:lakebase:projects/p/branches/b/endpoints/e?connectBudget=5s"))
        .containsEntry("endpoint", "projects/p/branches/b/endpoints/e")
        .containsEntry("connectBudget", "5s");
    assertThat(TargetUrls.parse("r2dbc:lakebase:", "r2dbc:lakebase://h:6543/db"))
        .containsEntry("host", "h").containsEntry("port", "6543").containsEntry("database", "db");
    assertThat(TargetUrls.accepts("r2dbc:lakebase:", "jdbc:lakebase:instances/x")).isFalse();
  }
}
