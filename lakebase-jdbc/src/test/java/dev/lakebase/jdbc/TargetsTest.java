package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.INSTANCE;
import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static dev.lakebase.jdbc.EmulatorSupport.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of target, TLS verification through the resolver hook, and the read-only host. */
@EmulatedLakebase
class TargetsTest {

  private final LakebaseEmulator emulator;

  TargetsTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void autoscalingEndpointWithTheWorkspaceIdentityAsUser() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
      assertThat(ds.credentialStatus().identity()).contains(emulator.defaultUser());
      assertThat(ds.toString()).contains(PRIMARY, emulator.defaultEndpoint().host());
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(1);
    assertThat(emulator.counters().logins()).extracting(LoginRecord::user)
        .containsExactly(emulator.defaultUser());
  }

  @Test
  void projectAndBranchDiscoverTheReadWriteEndpoint() throws Exception {
    LakebaseConfig config = config(emulator).endpoint(null).project("demo").branch("main")
        .build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(2);
    assertThat(emulator.counters().mints(PRIMARY)).isEqualTo(1);
    assertThat(emulator.counters().apiCalls("/api/2.0/postgres/projects/demo/branches/main"))
        .as("the endpoint list is fetched once").isEqualTo(1);
  }

  @Test
  void provisionedInstance() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).endpoint(null)
        .instance(INSTANCE).build())) {
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
    }
    assertThat(emulator.counters().loginsAccepted(INSTANCE)).isEqualTo(1);
    assertThat(emulator.counters().mints(INSTANCE)).isEqualTo(1);
  }

  @Test
  void verifyFullWorksThroughTheResolverHookBecauseTheHostNameIsKept() throws Exception {
    LakebaseConfig config = config(emulator).sslMode(SslMode.VERIFY_FULL)
        .sslRootCert(emulator.caCertificatePath().toString()).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(1);
  }

  @Test
  void readOnlyConnectsToTheReadOnlyHost() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).readOnly(true)
        .build())) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        try (ResultSet rs = s.executeQuery("show transaction_read_only")) {
          rs.next();
          assertThat(rs.getString(1)).isEqualTo("on");
        }
        assertThatThrownBy(() -> s.execute("create table read_only_probe (id int)"))
            .isInstanceOf(SQLException.class)
            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
      }
      assertThat(ds.toString()).contains(emulator.defaultEndpoint().readOnlyHost());
    }
    assertThat(emulator.counters().mints(PRIMARY)).as("same credential scope").isEqualTo(1);
  }

  @Test
  void readOnlyDiscoversTheReadOnlyHostEvenWhenTheReadWriteHostIsExplicit() throws Exception {
    // Databricks Apps set PGHOST to the read-write host; a read-only copy of that configuration
    // must not silently write through it.
    LakebaseConfig config = config(emulator).host(emulator.defaultEndpoint().host())
        .readOnly(true).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config);
        Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("show transaction_read_only")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("on");
      assertThat(ds.toString()).contains(emulator.defaultEndpoint().readOnlyHost());
    }
  }

  @Test
  void databricksAppsEnvironmentConnectsWithNothingElseButTheClientAndResolver()
      throws Exception {
    Map<String, String> env = Map.of(
        "PGHOST", emulator.defaultEndpoint().host(),
        "PGPORT", Integer.toString(emulator.port()),
        "PGDATABASE", emulator.database(),
        "PGUSER", emulator.defaultUser(),
        "PGSSLMODE", "require",
        "PGAPPNAME", "apps-test",
        "LAKEBASE_ENDPOINT", PRIMARY);
    LakebaseConfig config = LakebaseConfig.builder(env).workspaceClient(workspace(emulator))
        .hostResolver(emulator.dns()::resolve).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config);
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user, current_setting('application_name')")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo(emulator.defaultUser());
      assertThat(rs.getString(2)).isEqualTo("apps-test");
    }
    assertThat(emulator.counters().apiCalls("/api/2.0/postgres/projects"))
        .as("PGHOST skips discovery").isZero();
    assertThat(emulator.counters().mints(PRIMARY)).isEqualTo(1);
  }

  @Test
  void theDependencyInjectionProviderHandsOutOneWorkingDataSource() throws Exception {
    LakebaseDataSourceProvider provider = new LakebaseDataSourceProvider(config(emulator)
        .build());
    DataSource ds = provider.get();
    assertThat(provider.get()).isSameAs(ds);
    try (Connection c = ds.getConnection()) {
      assertThat(selectOne(c)).isEqualTo(1);
    }
    ((LakebaseDataSource) ds).close();
  }

  @Test
  void aMissingDatabaseFailsAtOnceNamingTheSetting() {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).database("no_such_db")
        .listener(events).build())) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLNonTransientConnectionException.class)
          .hasMessageContaining("no_such_db")
          .hasMessageContaining("check database (PGDATABASE)")
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3D000"));
    }
    assertThat(events.attempts).singleElement()
        .satisfies(a -> assertThat(a.failureKind()).isEqualTo(FailureKind.PERMANENT));
  }

  @Test
  void aFailingListenerDoesNotBreakConnects() throws Exception {
    LakebaseListener broken = new LakebaseListener() {
      @Override
      public void onConnectAttempt(ConnectAttemptEvent e) {
        throw new IllegalStateException("listener bug");
      }

      @Override
      public void onMint(MintEvent e) {
        throw new IllegalStateException("listener bug");
      }
    };
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).listener(broken)
        .build())) {
      assertThat(currentUser(ds)).isEqualTo(emulator.defaultUser());
    }
  }

  @Test
  void plainPostgresWithAStaticPasswordAndTheSystemResolver() throws Exception {
    String url;
    String user;
    try (Connection admin = emulator.adminDataSource().getConnection()) {
      url = admin.getMetaData().getURL();
      user = admin.getMetaData().getUserName();
    }
    java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
    LakebaseConfig config = LakebaseConfig.builder().host(uri.getHost()).port(uri.getPort())
        .database("postgres").user(user).password("not-checked-by-trust-auth")
        .sslMode(SslMode.DISABLE).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThat(currentUser(ds)).isEqualTo(user);
      assertThat(ds.credentialStatus().mints()).isEqualTo(1);
      assertThat(ds.toString()).doesNotContain("not-checked-by-trust-auth");
    }
    assertThat(emulator.counters().mints()).isZero();
  }

  private static String currentUser(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
