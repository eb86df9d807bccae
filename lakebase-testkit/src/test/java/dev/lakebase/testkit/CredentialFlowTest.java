package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static dev.lakebase.testkit.TestClients.mintForInstance;
import static dev.lakebase.testkit.TestClients.props;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.database.DatabaseInstance;
import com.databricks.sdk.service.database.DatabaseInstanceState;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** The happy path through the real Databricks SDK and pgjdbc: discover, mint, log in over TLS. */
@EmulatedLakebase
class CredentialFlowTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  private static final String REPLICA = "projects/demo/branches/main/endpoints/replica";

  @Test
  void sdkDiscoversEndpointsAndInstances(LakebaseEmulator emulator) {
    WorkspaceClient w = TestClients.workspace(emulator);

    Endpoint primary = w.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY));
    assertThat(primary.getName()).isEqualTo(PRIMARY);
    assertThat(primary.getParent()).isEqualTo("projects/demo/branches/main");
    assertThat(primary.getStatus().getEndpointType()).isEqualTo(EndpointType.ENDPOINT_TYPE_READ_WRITE);
    assertThat(primary.getStatus().getCurrentState()).isEqualTo(EndpointStatusState.ACTIVE);
    assertThat(primary.getStatus().getHosts().getHost()).isEqualTo(emulator.endpoint(PRIMARY).host())
        .matches("ep-primary-[0-9a-f]{6}\\.lakebase\\.test");
    assertThat(primary.getStatus().getHosts().getReadOnlyHost()).isEqualTo(emulator.endpoint(PRIMARY).readOnlyHost());

    List<Endpoint> endpoints = StreamSupport.stream(w.postgres()
        .listEndpoints(new ListEndpointsRequest().setParent("projects/demo/branches/main")).spliterator(), false).toList();
    assertThat(endpoints).extracting(Endpoint::getName).containsExactly(PRIMARY, REPLICA);
    assertThat(endpoints.get(1).getStatus().getEndpointType()).isEqualTo(EndpointType.ENDPOINT_TYPE_READ_ONLY);

    DatabaseInstance instance = w.database().getDatabaseInstance(new GetDatabaseInstanceRequest().setName("demo-instance"));
    assertThat(instance.getReadWriteDns()).isEqualTo(emulator.instance("demo-instance").host())
        .matches("instance-demo-instance-[0-9a-f]{6}\\.database\\.lakebase\\.test");
    assertThat(instance.getReadOnlyDns()).isEqualTo(emulator.instance("demo-instance").readOnlyHost());
    assertThat(instance.getState()).isEqualTo(DatabaseInstanceState.AVAILABLE);

    User me = w.currentUser().me(new MeRequest());
    assertThat(me.getUserName()).isEqualTo("dev@example.com");
  }

  @Test
  void mintedTokenLogsInOverTls(LakebaseEmulator emulator) throws Exception {
    WorkspaceClient w = TestClients.workspace(emulator);
    Instant before = Instant.now();
    DatabaseCredential credential = w.postgres().generateDatabaseCredential(
        new GenerateDatabaseCredentialRequest().setEndpoint(PRIMARY));

    assertThat(credential.getToken()).matches("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{40,}");
    Instant expiry = Instant.ofEpochSecond(credential.getExpireTime().getSeconds(), credential.getExpireTime().getNanos());
    assertThat(expiry).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));

    try (Connection c = connect(emulator, emulator.endpoint(PRIMARY).host(), "dev@example.com", credential.getToken())) {
      assertThat(queryOne(c, "select current_user")).isEqualTo("dev@example.com");
      assertThat(queryOne(c, "select current_database()")).isEqualTo("databricks_postgres");
      assertThat(queryOne(c, "select ssl from pg_stat_ssl where pid = pg_backend_pid()"))
          .as("the proxy relays to the backend over loopback TCP, not TLS").isEqualTo(false);
      assertThat(queryOne(c, "show server_version").toString()).startsWith("17.");
    }
    assertThat(emulator.counters().loginsWithToken(credential.getToken())).isEqualTo(1);
  }

  @Test
  void verifyFullChecksTheEmulatorCaAndTheSniHostName(LakebaseEmulator emulator) throws Exception {
    String token = mintForEndpoint(TestClients.workspace(emulator), PRIMARY);
    String host = emulator.endpoint(PRIMARY).host();

    try (Connection c = connect(emulator, host, "dev@example.com", token,
        props("sslmode", "verify-full", "sslrootcert", emulator.caCertificatePath().toString()))) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
  }

  @Test
  void provisionedInstanceTokenLogsInThroughTheDatabaseApi(LakebaseEmulator emulator) throws Exception {
    String token = mintForInstance(TestClients.workspace(emulator), "demo-instance");

    try (Connection c = connect(emulator, emulator.instance("demo-instance").host(), "dev@example.com", token,
        props("sslmode", "verify-full", "sslrootcert", emulator.caCertificatePath().toString()))) {
      assertThat(queryOne(c, "select current_user")).isEqualTo("dev@example.com");
    }
    assertThat(emulator.counters().mints("demo-instance", "dev@example.com")).isEqualTo(1);
    assertThat(emulator.counters().loginsAccepted("demo-instance")).isEqualTo(1);
  }

  @Test
  void readOnlyEndpointAndReadOnlyHostGiveReadOnlySessions(LakebaseEmulator emulator) throws Exception {
    WorkspaceClient w = TestClients.workspace(emulator);
    long primaryLogins = emulator.counters().loginsAccepted(PRIMARY);
    String replicaToken = mintForEndpoint(w, REPLICA);
    String primaryToken = mintForEndpoint(w, PRIMARY);

    try (Connection replica = connect(emulator, emulator.endpoint(REPLICA).host(), "dev@example.com", replicaToken);
        Connection primaryRo = connect(emulator, emulator.endpoint(PRIMARY).readOnlyHost(), "dev@example.com",
            primaryToken);
        Connection primary = connect(emulator, emulator.endpoint(PRIMARY).host(), "dev@example.com", primaryToken)) {
      assertThat(queryOne(replica, "show default_transaction_read_only")).isEqualTo("on");
      assertThat(queryOne(primaryRo, "show default_transaction_read_only")).isEqualTo("on");
      assertThat(queryOne(primary, "show default_transaction_read_only")).isEqualTo("off");
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isEqualTo(primaryLogins + 2);
    assertThat(emulator.counters().loginsWithToken(primaryToken)).isEqualTo(2);
  }

  @Test
  void mintWithoutHttpIsCountedAndWorks(LakebaseEmulator emulator) throws Exception {
    long before = emulator.counters().mints(PRIMARY, "dev@example.com");
    String token = emulator.mintToken(PRIMARY, "dev@example.com");

    try (Connection c = connect(emulator, emulator.defaultEndpoint().host(), "dev@example.com", token)) {
      assertThat(queryOne(c, "select 2")).isEqualTo(2);
    }
    assertThat(emulator.counters().mints(PRIMARY, "dev@example.com")).isEqualTo(before + 1);
    assertThat(emulator.counters().mintedTokens()).contains(token);
  }
}
