package dev.lakebase.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-user pools against an emulator with an app identity and three users: row-level security
 * per user, no connection crossing identities under concurrency, the pool cap and LRU eviction
 * (sessions per role on PostgreSQL), a rejected token failing only its user, and token rotation
 * with short-lived database tokens.
 */
class UserPoolsTest {

  private static final String APP = "app@example.com";
  private static final List<String> USERS =
      List.of("alice@example.com", "bob@example.com", "carol@example.com");

  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() throws SQLException {
    LakebaseEmulator.Builder b = LakebaseEmulator.builder().user(APP);
    USERS.forEach(b::user);
    emulator = b.start();
    try (Connection admin = emulator.adminDataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE TABLE notes (owner text NOT NULL DEFAULT current_user, body text)");
      st.execute("ALTER TABLE notes ENABLE ROW LEVEL SECURITY");
      st.execute("CREATE POLICY own_notes ON notes USING (owner = current_user)"
          + " WITH CHECK (owner = current_user)");
      st.execute("ALTER ROLE \"" + APP + "\" BYPASSRLS");
      st.execute("GRANT SELECT, INSERT ON notes TO \"" + APP + "\"");
      for (String user : USERS) {
        // The emulator makes every identity a superuser; users of an app are not.
        st.execute("ALTER ROLE \"" + user + "\" NOSUPERUSER");
        st.execute("GRANT SELECT, INSERT ON notes TO \"" + user + "\"");
        for (int i = 0; i < 2; i++) {
          st.execute("INSERT INTO notes VALUES ('" + user + "', 'note " + i + "')");
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    LakebaseRuntime.reset();
    if (emulator != null) {
      emulator.close();
    }
  }

  @BeforeEach
  void fresh() {
    emulator.reset();
    LakebaseRuntime.reset();
  }

  private static LakebaseConfig.Builder base() {
    WorkspaceClient app = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl()).setToken(emulator.patFor(APP)));
    return LakebaseConfig.builder()
        .endpoint(PoolTests.PRIMARY)
        .workspaceClient(app)
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .connectBudget(Duration.ofSeconds(20));
  }

  private static LakebaseUserPools.Builder pools() {
    return LakebaseUserPools.builder(base().build())
        .pool(LakebasePoolConfig.builder().poolName("users").build());
  }

  private static String pat(String user) {
    return emulator.patFor(user);
  }

  private static String currentUser(Connection c) throws SQLException {
    return PoolTests.query(c, "SELECT current_user");
  }

  /** Sessions per role, as PostgreSQL counts them. */
  private static Map<String, Integer> sessionsPerRole() throws SQLException {
    Map<String, Integer> counts = new HashMap<>();
    try (Connection admin = emulator.adminDataSource().getConnection();
        PreparedStatement ps = admin.prepareStatement("SELECT usename, count(*) FROM"
            + " pg_stat_activity WHERE usename = ANY (?) GROUP BY usename")) {
      ps.setArray(1, admin.createArrayOf("text", USERS.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          counts.put(rs.getString(1), rs.getInt(2));
        }
      }
    }
    return counts;
  }

  @Test
  void eachUserSeesOnlyTheirRowsAndTheAppSeesAll() throws Exception {
    try (LakebaseUserPools users = pools().build();
        LakebasePooledDataSource app = LakebasePools.create(base().build(),
            LakebasePoolConfig.builder().poolName("app").build())) {
      for (String user : USERS) {
        try (Connection c = users.forToken(pat(user)).getConnection()) {
          assertThat(currentUser(c)).isEqualTo(user);
          assertThat(PoolTests.query(c, "SELECT string_agg(DISTINCT owner, ',') FROM notes"))
              .isEqualTo(user);
          try (Statement st = c.createStatement()) {
            // WITH CHECK: a user cannot write a row as someone else.
            assertThatThrownBy(() -> st.executeUpdate(
                "INSERT INTO notes VALUES ('" + APP + "', 'forged')"))
                .isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42501"));
          }
        }
      }
      try (Connection c = app.getConnection()) {
        assertThat(currentUser(c)).isEqualTo(APP);
        assertThat(PoolTests.query(c, "SELECT count(DISTINCT owner) FROM notes")).isEqualTo("3");
      }
      assertThat(users.stats().identityLookups()).isEqualTo(3);
    }
  }

  @Test
  void noConnectionCrossesIdentitiesUnder32ConcurrentRequests() throws Exception {
    AtomicInteger mismatches = new AtomicInteger();
    AtomicInteger requests = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(32);
    try (LakebaseUserPools users = pools().build()) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 32; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 15; i++) {
            String user = USERS.get(ThreadLocalRandom.current().nextInt(USERS.size()));
            try (Connection c = users.forToken(pat(user)).getConnection()) {
              if (!currentUser(c).equals(user)) {
                mismatches.incrementAndGet();
              }
              requests.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(PoolTests.WAIT.toSeconds() * 2, TimeUnit.SECONDS);
      }
      assertThat(requests.get()).isEqualTo(32 * 15);
      assertThat(mismatches.get()).isZero();
      assertThat(sessionsPerRole()).allSatisfy((role, n) -> assertThat(n).isBetween(1, 3));
      LakebaseUserPools.Stats stats = users.stats();
      assertThat(stats.pools()).isEqualTo(3);
      assertThat(stats.active() + stats.idle()).isLessThanOrEqualTo(stats.maxTotalConnections());
      // One identity lookup per token, one credential per user.
      assertThat(stats.identityLookups()).isEqualTo(3);
      for (String user : USERS) {
        assertThat(emulator.counters().mints(PoolTests.PRIMARY, user)).isEqualTo(1);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theLeastRecentlyUsedIdlePoolMakesRoomAndIdlePoolsClose() throws Exception {
    try (LakebaseUserPools users = pools().maxUsers(2).maxPoolSizePerUser(1)
        .idleTimeout(Duration.ofSeconds(1)).build()) {
      String alice = USERS.get(0);
      String bob = USERS.get(1);
      String carol = USERS.get(2);
      try (Connection a = users.forToken(pat(alice)).getConnection();
          Connection b = users.forToken(pat(bob)).getConnection()) {
        assertThat(sessionsPerRole()).containsEntry(alice, 1).containsEntry(bob, 1);
        // Both pools are in use: a third user must wait for one, not exceed the bound.
        assertThatThrownBy(() -> users.forToken(pat(carol)).getConnection())
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("53300"));
      }
      try (Connection b = users.forToken(pat(bob)).getConnection()) {
        assertThat(currentUser(b)).isEqualTo(bob);
      }
      try (Connection c = users.forToken(pat(carol)).getConnection()) {
        assertThat(currentUser(c)).isEqualTo(carol);
      }
      // alice was the least recently used: her pool (and session) went for carol's.
      assertThat(users.stats().poolsEvicted()).isEqualTo(1);
      await().atMost(PoolTests.WAIT).untilAsserted(() -> assertThat(sessionsPerRole())
          .doesNotContainKey(alice).containsEntry(carol, 1));
      // Unused for the idle timeout: every pool closes, and so do the sessions.
      await().atMost(PoolTests.WAIT).untilAsserted(() -> {
        assertThat(users.stats().pools()).isZero();
        assertThat(sessionsPerRole()).isEmpty();
      });
      assertThat(users.stats().poolsClosedIdle()).isEqualTo(2);
    }
  }

  @Test
  void aRejectedTokenFailsOnlyItsUserAtOnce() throws Exception {
    String bob = USERS.get(1);
    try (LakebaseUserPools users = pools().build()) {
      String revokedBeforeUse = emulator.issueWorkspaceToken(bob);
      emulator.revokeWorkspaceToken(revokedBeforeUse);
      assertThatThrownBy(() -> users.forToken(revokedBeforeUse).getConnection())
          .isInstanceOf(LakebaseUserTokenException.class)
          .hasMessageContaining("HTTP 401").hasMessageContaining("sign in again")
          .hasMessageNotContaining(revokedBeforeUse).hasMessageNotContaining(bob);

      // Known identity, token revoked before its first mint: the mint is refused once, the
      // request fails at once, and nothing retries it.
      String revokedAfterLookup = emulator.issueWorkspaceToken(bob);
      assertThat(users.identityOf(revokedAfterLookup)).isEqualTo(bob);
      emulator.revokeWorkspaceToken(revokedAfterLookup);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> users.forToken(revokedAfterLookup).getConnection())
            .isInstanceOf(LakebaseUserTokenException.class)
            .hasMessageNotContaining(revokedAfterLookup);
      }
      assertThat(emulator.counters().mintFailures()).isEqualTo(1);

      assertThatThrownBy(() -> users.forToken(null).getConnection())
          .isInstanceOf(LakebaseUserTokenException.class)
          .hasMessageContaining("X-Forwarded-Access-Token");

      for (String other : List.of(USERS.get(0), USERS.get(2))) {
        try (Connection c = users.forToken(pat(other)).getConnection()) {
          assertThat(currentUser(c)).isEqualTo(other);
        }
      }
      // bob signs in again: the new token works.
      try (Connection c = users.forToken(emulator.issueWorkspaceToken(bob)).getConnection()) {
        assertThat(currentUser(c)).isEqualTo(bob);
      }
      assertThat(users.toString()).doesNotContain(bob, pat(bob));
    }
  }

  @Test
  void rotatingUserTokensWithShortDatabaseTokensFailNoRequest() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(2));
    Map<String, String> current = new HashMap<>();
    USERS.forEach(u -> current.put(u, emulator.issueWorkspaceToken(u)));
    int failures = 0;
    int requests = 0;
    try (LakebaseUserPools users = pools().idleTimeout(Duration.ofSeconds(1)).build()) {
      long deadline = System.nanoTime() + PoolTests.WAIT.toNanos();
      int iteration = 0;
      while (USERS.stream().anyMatch(u -> emulator.counters().mints(PoolTests.PRIMARY, u) < 4)
          && System.nanoTime() < deadline) {
        iteration++;
        for (String user : USERS) {
          if (iteration % 5 == 0) {
            // The user signed in again: the app sees a new token, the old one stops working.
            String old = current.put(user, emulator.issueWorkspaceToken(user));
            request(users, user, current.get(user));
            emulator.revokeWorkspaceToken(old);
          }
          try {
            request(users, user, current.get(user));
          } catch (SQLException e) {
            failures++;
          }
          requests++;
        }
        // Now and then stay away longer than the idle timeout: pools close, and the next
        // request connects (and mints, once the database token ran out) with the new token.
        Thread.sleep(iteration % 7 == 0 ? 1600 : 60);
      }
    }
    assertThat(failures).as("failed requests of %s", requests).isZero();
    for (String user : USERS) {
      assertThat(emulator.counters().mints(PoolTests.PRIMARY, user)).isGreaterThanOrEqualTo(4);
    }
    assertThat(emulator.counters().loginsRejected()).isZero();
  }

  @Test
  void noTokenInLogsMessagesOrNamesAndNoIdentityInNamesOrStats() throws Exception {
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Logger hikari = (ch.qos.logback.classic.Logger)
        org.slf4j.LoggerFactory.getLogger("com.zaxxer.hikari");
    hikari.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logs.start();
    root.addAppender(logs);
    List<String> observed = new ArrayList<>();
    List<String> workspaceTokens = new ArrayList<>();
    String alice = USERS.get(0);
    try (LakebaseUserPools users = pools().build()) {
      String token = emulator.issueWorkspaceToken(alice);
      workspaceTokens.add(token);
      try (Connection c = users.forToken(token).getConnection()) {
        observed.add(c.toString());
      }
      String revoked = emulator.issueWorkspaceToken(USERS.get(1));
      workspaceTokens.add(revoked);
      emulator.revokeWorkspaceToken(revoked);
      try {
        users.forToken(revoked).getConnection();
      } catch (SQLException e) {
        observed.add(e.toString());
      }
      observed.add(users.toString());
      observed.add(users.stats().toString());
      observed.add(users.forToken(token).toString());
      for (String name : observed) {
        assertThat(name).doesNotContain(alice, USERS.get(1));
      }
    } finally {
      root.detachAppender(logs);
      hikari.setLevel(null);
      logs.stop();
    }
    for (ch.qos.logback.classic.spi.ILoggingEvent event : logs.list) {
      observed.add(event.getFormattedMessage());
      observed.add(event.getThreadName());
      if (event.getThrowableProxy() != null) {
        observed.add(ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(
            event.getThrowableProxy()));
      }
    }
    List<String> secrets = new ArrayList<>(emulator.counters().mintedTokens());
    secrets.addAll(workspaceTokens);
    assertThat(secrets).hasSizeGreaterThanOrEqualTo(3);
    for (String text : observed) {
      for (String secret : secrets) {
        assertThat(text).doesNotContain(secret);
      }
    }
    // Pool and thread names carry the user's tag, never the identity.
    assertThat(logs.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
        .contains("users-user-" + LakebaseUserPools.userTag(alice)));
    assertThat(logs.list).allSatisfy(e -> assertThat(e.getThreadName()).doesNotContain(alice));
  }

  private static void request(LakebaseUserPools users, String user, String token)
      throws SQLException {
    try (Connection c = users.forToken(token).getConnection()) {
      assertThat(currentUser(c)).isEqualTo(user);
    }
  }
}
