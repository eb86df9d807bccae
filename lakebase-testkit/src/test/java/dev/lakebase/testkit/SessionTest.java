package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.loginFailure;
import static dev.lakebase.testkit.TestClients.props;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Session tracking, killing, cancellation, and the proxy's routing and negotiation paths. */
@EmulatedLakebase
class SessionTest extends DefaultEndpointTestBase {

  @Test
  void killSessionsOlderThanKillsOnlyTheOldOnes() throws SQLException {
    try (Connection old = login()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.oldestSessionAge().toMillis() >= 1500);
      try (Connection young = login()) {
        assertThat(endpoint.activeSessions()).isEqualTo(2);

        assertThat(endpoint.killSessionsOlderThan(Duration.ofSeconds(1))).isEqualTo(1);

        assertThatThrownBy(() -> queryOne(old, "select 1")).isInstanceOf(SQLException.class);
        assertThat(queryOne(young, "select 'young lives'")).isEqualTo("young lives");
        await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.activeSessions() == 1);
        assertThat(endpoint.oldestSessionAge()).isLessThan(Duration.ofMillis(1500));
      }
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> endpoint.activeSessions() == 0);
    assertThat(endpoint.oldestSessionAge()).isEqualTo(Duration.ZERO);
  }

  @Test
  void countersFollowSessionsAndLogins() throws SQLException {
    EmulatorCounters counters = emulator.counters();
    try (Connection a = login(); Connection b = login()) {
      assertThat(counters.activeSessions()).isEqualTo(2);
      assertThat(queryOne(a, "select 1")).isEqualTo(queryOne(b, "select 1"));
      await().atMost(Duration.ofSeconds(30)).until(() -> counters.oldestSessionAge().toMillis() >= 300);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> counters.activeSessions() == 0);

    assertThat(counters.oldestSessionAge()).isEqualTo(Duration.ZERO);
    assertThat(counters.maxSessionAge()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    assertThat(counters.loginsAccepted()).isEqualTo(2);
    assertThat(counters.loginsAccepted(endpoint.name())).isEqualTo(2);
    assertThat(counters.loginsWithToken(token)).isEqualTo(2);
    assertThat(counters.mints(endpoint.name(), USER)).isEqualTo(1);
    assertThat(counters.mints(endpoint.name())).isEqualTo(1);
    assertThat(counters.mints()).isEqualTo(1);
    assertThat(counters.logins()).hasSize(2).allSatisfy(r -> {
      assertThat(r.accepted()).isTrue();
      assertThat(r.reason()).isNull();
      assertThat(r.computeName()).isEqualTo(endpoint.name());
      assertThat(r.user()).isEqualTo(USER);
      assertThat(r.tokenFingerprint()).matches("[0-9a-f]{8}");
    });

    counters.reset();
    assertThat(counters.loginsAccepted()).isZero();
    assertThat(counters.mintedTokens()).isEmpty();
    assertThat(counters.maxSessionAge()).isEqualTo(Duration.ZERO);
  }

  @Test
  void cancelReachesTheBackendThroughTheProxy() throws Exception {
    try (Connection c = login(); Statement st = c.createStatement()) {
      CompletableFuture<Void> sleeping = CompletableFuture.runAsync(() -> {
        try {
          st.executeQuery("select pg_sleep(30)");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(30)).until(this::sleepingQueries, n -> n == 1);

      st.cancel();

      assertThatThrownBy(() -> sleeping.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().cause().isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("57014"));
      assertThat(queryOne(c, "select 'usable after cancel'")).isEqualTo("usable after cancel");
    }
  }

  @Test
  void optionsEndpointRoutesWithoutSniAndOtherOptionsPassThrough() throws SQLException {
    String endpointId = endpoint.host().substring(0, endpoint.host().indexOf('.'));
    try (Connection c = connect(emulator, "127.0.0.1", USER, token,
        props("sslmode", "disable", "options", "endpoint=" + endpointId + " -c statement_timeout=1234"))) {
      assertThat(queryOne(c, "show statement_timeout")).isEqualTo("1234ms");
    }
    assertThat(emulator.counters().loginsAccepted(endpoint.name())).isEqualTo(1);
  }

  @Test
  void noSniAndNoEndpointOptionIsRefusedWhenThereAreSeveralComputes() {
    SQLException e = loginFailure(emulator, "127.0.0.1", USER, token, props("sslmode", "disable"));

    assertThat(e.getSQLState()).isEqualTo("08004");
    assertThat(e.getMessage()).contains("Endpoint ID is not specified");
    assertThat(emulator.counters().loginsRejected(RejectReason.NO_ROUTE)).isEqualTo(1);

    SQLException unknown = loginFailure(emulator, "127.0.0.1", USER, token,
        props("sslmode", "require", "options", "endpoint=ep-nope-000000"));
    assertThat(unknown.getSQLState()).isEqualTo("08004");
    assertThat(unknown.getMessage()).contains("ep-nope-000000");
  }

  @Test
  void directTlsNegotiationWorks() throws SQLException {
    try (Connection c = connect(emulator, endpoint.host(), USER, token, props("sslNegotiation", "direct"))) {
      assertThat(queryOne(c, "select 'direct'")).isEqualTo("direct");
    }
  }

  @Test
  void gssEncryptionIsDeclinedAndTlsOffered() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), emulator.port())) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.writeInt(8);
      out.writeInt(80877104); // GSSENCRequest
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('N');
      out.writeInt(8);
      out.writeInt(80877103); // SSLRequest
      out.flush();
      assertThat((char) in.readByte()).isEqualTo('S');
    }
  }

  private long sleepingQueries() throws SQLException {
    try (Connection admin = emulator.adminDataSource().getConnection()) {
      return ((Number) queryOne(admin, "select count(*) from pg_stat_activity where state = 'active' "
          + "and query = 'select pg_sleep(30)'")).longValue();
    }
  }
}
