package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.RequestedClaims;
import com.databricks.sdk.service.postgres.RequestedClaimsPermissionSet;
import com.databricks.sdk.service.postgres.RequestedResource;
import com.databricks.sdk.service.iam.MeRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The credential endpoint's {@code ttl}, {@code expire_time} and READ_ONLY {@code claims} through
 * the real SDK, and the workspace tokens of several users (issue, revoke).
 */
@EmulatedLakebase
class LeastPrivilegeTokenTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private static DatabaseCredential mint(WorkspaceClient w, GenerateDatabaseCredentialRequest r) {
    return w.postgres().generateDatabaseCredential(r.setEndpoint(PRIMARY));
  }

  private static Instant expiry(DatabaseCredential c) {
    return Instant.ofEpochSecond(c.getExpireTime().getSeconds(), c.getExpireTime().getNanos());
  }

  @Test
  void ttlAndExpireTimeSetTheLifetime(LakebaseEmulator emulator) {
    WorkspaceClient w = TestClients.workspace(emulator);
    DatabaseCredential ttl = mint(w, new GenerateDatabaseCredentialRequest()
        .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(600).build()));
    assertThat(expiry(ttl)).isCloseTo(Instant.now().plusSeconds(600), within(5, ChronoUnit.SECONDS));

    Instant wanted = Instant.now().plusSeconds(900).truncatedTo(ChronoUnit.SECONDS);
    DatabaseCredential at = mint(w, new GenerateDatabaseCredentialRequest().setExpireTime(
        com.google.protobuf.Timestamp.newBuilder().setSeconds(wanted.getEpochSecond()).build()));
    assertThat(expiry(at)).isCloseTo(wanted, within(5, ChronoUnit.SECONDS));
  }

  @Test
  void ttlOutsideTheApiRangeIsRejected(LakebaseEmulator emulator) {
    WorkspaceClient w = TestClients.workspace(emulator);
    for (long seconds : new long[] {299, 3601}) {
      assertThatThrownBy(() -> mint(w, new GenerateDatabaseCredentialRequest()
          .setTtl(com.google.protobuf.Duration.newBuilder().setSeconds(seconds).build())))
          .isInstanceOf(DatabricksError.class)
          .hasMessageContaining("between 300s and 3600s");
    }
  }

  @Test
  void readOnlyClaimsMakeTheSessionReadOnly(LakebaseEmulator emulator) throws SQLException {
    WorkspaceClient w = TestClients.workspace(emulator);
    String host = emulator.endpoint(PRIMARY).host();
    String user = emulator.defaultUser();
    try (Connection admin = emulator.adminDataSource().getConnection(); Statement st = admin.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS claims_probe (id int)");
      st.execute("GRANT ALL ON claims_probe TO \"" + user + "\"");
    }
    String readOnly = mint(w, new GenerateDatabaseCredentialRequest().setClaims(List.of(new RequestedClaims()
        .setPermissionSet(RequestedClaimsPermissionSet.READ_ONLY)
        .setResources(List.of(new RequestedResource().setTableName("claims_probe")))))).getToken();
    try (Connection c = connect(emulator, host, user, readOnly); Statement st = c.createStatement()) {
      assertThat(queryOne(c, "SELECT count(*) FROM claims_probe")).isEqualTo(0L);
      assertThatThrownBy(() -> st.executeUpdate("INSERT INTO claims_probe VALUES (1)"))
          .isInstanceOf(SQLException.class)
          .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"));
    }
    String full = mint(w, new GenerateDatabaseCredentialRequest()).getToken();
    try (Connection c = connect(emulator, host, user, full); Statement st = c.createStatement()) {
      assertThat(st.executeUpdate("INSERT INTO claims_probe VALUES (1)")).isEqualTo(1);
      st.execute("DELETE FROM claims_probe");
    }
  }

  @Test
  void issuedWorkspaceTokensAuthenticateUntilRevoked(LakebaseEmulator emulator) {
    String user = emulator.defaultUser();
    String issued = emulator.issueWorkspaceToken(user);
    WorkspaceClient w = TestClients.workspace(emulator, issued);
    assertThat(w.currentUser().me(new MeRequest()).getUserName()).isEqualTo(user);
    emulator.revokeWorkspaceToken(issued);
    assertThatThrownBy(() -> TestClients.workspace(emulator, issued).currentUser().me(new MeRequest()))
        .isInstanceOf(DatabricksError.class);
    // The user's other tokens still work.
    assertThat(TestClients.workspace(emulator).currentUser().me(new MeRequest()).getUserName()).isEqualTo(user);
  }
}
