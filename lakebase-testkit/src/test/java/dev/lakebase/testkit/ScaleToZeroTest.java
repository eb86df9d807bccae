package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.loginFailure;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import dev.lakebase.testkit.EmulatedCompute.State;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scale to zero: suspend drops sessions; a login wakes the compute per its wake behaviour. */
@EmulatedLakebase
class ScaleToZeroTest extends DefaultEndpointTestBase {

  @Test
  void suspendDropsOpenSessionsAndTheNextLoginWakesTheCompute() throws SQLException {
    try (Connection session = login()) {
      assertThat(endpoint.activeSessions()).isEqualTo(1);

      endpoint.suspend();

      assertThat(endpoint.state()).isEqualTo(State.IDLE);
      await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.activeSessions() == 0);
      assertThatThrownBy(() -> queryOne(session, "select 1")).isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
    }
    try (Connection again = login()) {
      assertThat(queryOne(again, "select 1")).isEqualTo(1);
    }
    assertThat(endpoint.state()).isEqualTo(State.ACTIVE);
    assertThat(endpoint.wakeups()).isEqualTo(1);
  }

  @Test
  void holdWakeMakesTheLoginWaitThenSucceed() throws Exception {
    endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ofSeconds(2)));
    endpoint.suspend();
    WorkspaceClient w = TestClients.workspace(emulator);

    CompletableFuture<Object> held = CompletableFuture.supplyAsync(() -> {
      try (Connection c = login()) {
        return queryOne(c, "select 'woke'");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });

    await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.state() == State.WAKING);
    assertThat(held).as("the login is held while the compute wakes").isNotDone();
    assertThat(w.postgres().getEndpoint(new GetEndpointRequest().setName(endpoint.name())).getStatus()
        .getCurrentState()).isEqualTo(EndpointStatusState.INIT);

    assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo("woke");
    assertThat(endpoint.state()).isEqualTo(State.ACTIVE);
    assertThat(endpoint.wakeups()).isEqualTo(1);
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isEqualTo(1);
    assertThat(emulator.counters().loginsRejected()).isZero();
  }

  @Test
  void refuseWakeAnswers57P03DuringThePeriodThenAcceptsLogins() throws SQLException {
    endpoint.wakeBehaviour(WakeBehaviour.refuse(Duration.ofSeconds(2)));
    endpoint.suspend();

    SQLException refused = loginFailure(emulator, endpoint.host(), USER, token);
    assertThat(refused.getSQLState()).isEqualTo("57P03");
    assertThat(refused.getMessage()).contains("the database system is starting up (endpoint is waking from suspend)");
    assertThat(endpoint.state()).isEqualTo(State.WAKING);

    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
        .until(() -> {
          try (Connection c = login()) {
            return queryOne(c, "select 1").equals(1);
          }
        });
    assertThat(endpoint.state()).isEqualTo(State.ACTIVE);
    assertThat(endpoint.wakeups()).isEqualTo(1);
    assertThat(emulator.counters().loginsRejected(RejectReason.WAKING)).isGreaterThanOrEqualTo(1);
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isEqualTo(1);
  }

  @Test
  void neverWakeKeepsRefusingUntilWokenByHand() throws SQLException {
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();

    for (int i = 0; i < 3; i++) {
      assertThat(loginFailure(emulator, endpoint.host(), USER, token).getSQLState()).isEqualTo("57P03");
    }
    assertThat(endpoint.state()).isEqualTo(State.IDLE);
    assertThat(emulator.counters().loginsRejected(RejectReason.WAKING)).isEqualTo(3);

    endpoint.wake();
    try (Connection c = login()) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
  }

  @Test
  void autoSuspendSuspendsAnIdleComputeAndOnlyThat() throws SQLException {
    EmulatedCompute other = emulator.instance("demo-instance");
    try (Connection c = login()) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
    endpoint.autoSuspendAfter(Duration.ofMillis(300));

    await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.state() == State.IDLE);
    assertThat(other.state()).isEqualTo(State.ACTIVE);

    try (Connection c = login()) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
    assertThat(endpoint.wakeups()).isEqualTo(1);
  }

  @Test
  void aLoginInProgressWhenTheComputeSuspendsIsDropped() throws Exception {
    // Raw protocol, so the suspend lands exactly between admission and the password: a compute
    // that goes away must not open the session afterwards (nor count it as accepted).
    String endpointId = endpoint.host().substring(0, endpoint.host().indexOf('.'));
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      writeStartup(out, Map.of("user", USER, "database", "databricks_postgres",
          "options", "endpoint=" + endpointId));
      assertThat((char) in.readByte()).isEqualTo('R');
      in.readInt();
      assertThat(in.readInt()).as("AuthenticationCleartextPassword").isEqualTo(3);

      endpoint.suspend();
      byte[] password = (token + "\0").getBytes(StandardCharsets.UTF_8);
      out.writeByte('p');
      out.writeInt(4 + password.length);
      out.write(password);
      out.flush();

      // Whatever the backend sent before ReadyForQuery may arrive; ReadyForQuery must not.
      assertThatThrownBy(() -> {
        while (true) {
          char type = (char) in.readByte();
          byte[] body = new byte[in.readInt() - 4];
          in.readFully(body);
          assertThat(type).as("no ReadyForQuery after a suspend").isNotEqualTo('Z');
        }
      }).isInstanceOf(IOException.class);
    }
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isZero();
    assertThat(endpoint.activeSessions()).isZero();
  }

  private static void writeStartup(DataOutputStream out, Map<String, String> params)
      throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Map.Entry<String, String> e : params.entrySet()) {
      body.writeBytes((e.getKey() + "\0" + e.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    body.write(0);
    out.writeInt(8 + body.size());
    out.writeInt(196608); // protocol 3.0
    out.write(body.toByteArray());
    out.flush();
  }

  @Test
  void resetMakesEveryComputeActiveWithDefaultBehaviour() throws SQLException {
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();

    emulator.reset();

    assertThat(endpoint.state()).isEqualTo(State.ACTIVE);
    endpoint.suspend();
    try (Connection c = login()) {
      assertThat(queryOne(c, "select 1")).as("default wake behaviour is hold(0)").isEqualTo(1);
    }
  }
}
