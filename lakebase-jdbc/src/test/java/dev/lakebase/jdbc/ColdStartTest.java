package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lakebase.jdbc.internal.Connector;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Suspended endpoints: held logins, refused logins while waking, and endpoints that stay down. */
@EmulatedLakebase
class ColdStartTest {

  private final LakebaseEmulator emulator;
  private EmulatedCompute endpoint;

  ColdStartTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
    endpoint = emulator.defaultEndpoint();
  }

  @Test
  void aLoginHeldWhileTheEndpointWakesSucceedsAndIsReported() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      warmUp(ds, events);
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ofMillis(300)));
      endpoint.suspend();
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
    assertThat(events.coldStarts).singleElement().satisfies(e -> {
      assertThat(e.target()).isEqualTo("Autoscaling endpoint " + EmulatorSupport.PRIMARY);
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(e.waited()).as("the emulator held the login this long")
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    });
  }

  @Test
  void loginsRefusedWhileWakingAreRetriedUntilTheEndpointIsUp() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .build())) {
      warmUp(ds, events);
      endpoint.wakeBehaviour(WakeBehaviour.refuse(Duration.ofSeconds(1)));
      endpoint.suspend();
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
    assertThat(events.attempts)
        .filteredOn(a -> a.outcome() == ConnectAttemptEvent.Outcome.RETRYING)
        .isNotEmpty()
        .allSatisfy(a -> {
          assertThat(a.failureKind()).isEqualTo(FailureKind.COLD_START);
          assertThat(a.failure()).contains("57P03");
          assertThat(a.host()).isEqualTo(endpoint.host());
        });
    assertThat(events.attempts).last().extracting(ConnectAttemptEvent::outcome)
        .isEqualTo(ConnectAttemptEvent.Outcome.SUCCESS);
    assertThat(events.coldStarts).singleElement()
        .satisfies(e -> assertThat(e.attempts()).isGreaterThan(1));
  }

  @Test
  void aWakingEndpointIsPolledAtMost200MillisecondsApartWhateverMaxBackoffSays()
      throws Exception {
    Logger connectorLog = (Logger) LoggerFactory.getLogger(Connector.class);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    connectorLog.addAppender(logs);
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .maxBackoff(Duration.ofSeconds(5)).connectBudget(Duration.ofSeconds(3)).build())) {
      warmUp(ds, new RecordingListener());
      endpoint.wakeBehaviour(WakeBehaviour.neverWake());
      endpoint.suspend();
      EmulatorSupport.connectFailure(ds);
    } finally {
      connectorLog.detachAppender(logs);
    }
    // The retry delays the connector chose (its DEBUG line per retry): with the 5 s maxBackoff
    // they would reach seconds within the 3 s budget.
    Pattern retry = Pattern.compile("COLD_START: .*; retrying in (\\d+) ms");
    List<Long> delays = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
        .map(retry::matcher).filter(Matcher::find).map(m -> Long.parseLong(m.group(1)))
        .toList();
    assertThat(delays).hasSizeGreaterThan(5)
        .allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(200));
  }

  @Test
  void anEndpointThatNeverWakesFailsNamingTheBudget() throws Exception {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .connectBudget(Duration.ofSeconds(2)).build())) {
      warmUp(ds, events);
      endpoint.wakeBehaviour(WakeBehaviour.neverWake());
      endpoint.suspend();
      Exception failure = EmulatorSupport.connectFailure(ds);
      assertThat(failure).isInstanceOf(SQLTransientConnectionException.class)
          .hasMessageContaining("Could not connect to Autoscaling endpoint "
              + EmulatorSupport.PRIMARY + " at " + endpoint.host() + " within 2s")
          .hasMessageContaining("57P03")
          .hasMessageContaining("raise connectBudget or check the endpoint state");
    }
    assertThat(events.attempts).last().extracting(ConnectAttemptEvent::outcome)
        .isEqualTo(ConnectAttemptEvent.Outcome.FAILED);
    assertThat(events.coldStarts).isEmpty();
  }

  @Test
  void closingTheDataSourceStopsAConnectThatIsRetrying() throws Exception {
    RecordingListener events = new RecordingListener();
    LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(events)
        .connectBudget(Duration.ofMinutes(10)).build());
    warmUp(ds, events);
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    CompletableFuture<Connection> retrying = CompletableFuture.supplyAsync(() -> {
      try {
        return ds.getConnection();
      } catch (SQLException e) {
        throw new CompletionException(e);
      }
    });
    await().atMost(Duration.ofSeconds(30)).until(() -> events.attempts.stream()
        .anyMatch(a -> a.outcome() == ConnectAttemptEvent.Outcome.RETRYING));

    ds.close();

    // Far inside the 10-minute budget: the retry loop noticed the close.
    assertThatThrownBy(() -> retrying.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("was closed");
  }

  /** The first connect mints and discovers; the scenario then starts from a warm DataSource. */
  private static void warmUp(LakebaseDataSource ds, RecordingListener events)
      throws SQLException {
    try (Connection c = ds.getConnection()) {
      selectOne(c);
    }
    events.attempts.clear();
    events.coldStarts.clear();
  }
}
