package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.loginFailure;
import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static dev.lakebase.testkit.TestClients.mintForInstance;
import static dev.lakebase.testkit.TestClients.props;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every reason a login is refused, with the SQLSTATE and message a Lakebase client sees. */
@EmulatedLakebase
class LoginRejectionTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  private static final String REPLICA = "projects/demo/branches/main/endpoints/replica";
  private static final String USER = "dev@example.com";

  private static WorkspaceClient workspace;

  @BeforeAll
  static void workspace(LakebaseEmulator emulator) {
    workspace = TestClients.workspace(emulator);
  }

  @Test
  void tokenForEndpointAIsRejectedAtEndpointB(LakebaseEmulator emulator) {
    String token = mintForEndpoint(workspace, PRIMARY);
    long before = emulator.counters().loginsRejected(RejectReason.WRONG_COMPUTE);

    SQLException e = loginFailure(emulator, emulator.endpoint(REPLICA).host(), USER, token);

    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("password authentication failed for user \"dev@example.com\"")
        .contains("token was issued for a different endpoint").doesNotContain(token);
    assertThat(emulator.counters().loginsRejected(RejectReason.WRONG_COMPUTE)).isEqualTo(before + 1);
  }

  @Test
  void instanceTokenWorksAtTheInstanceOnly(LakebaseEmulator emulator) throws SQLException {
    String token = mintForInstance(workspace, "demo-instance");

    try (Connection c = connect(emulator, emulator.instance("demo-instance").host(), USER, token)) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
    SQLException e = loginFailure(emulator, emulator.defaultEndpoint().host(), USER, token);
    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("token was issued for a different endpoint");

    String endpointToken = mintForEndpoint(workspace, PRIMARY);
    SQLException atInstance = loginFailure(emulator, emulator.instance("demo-instance").host(), USER, endpointToken);
    assertThat(atInstance.getMessage()).contains("token was issued for a different instance");
  }

  @Test
  void wrongUserIsRejectedWithTheIdentityMessage(LakebaseEmulator emulator) {
    String token = mintForEndpoint(workspace, PRIMARY);
    long before = emulator.counters().loginsRejected(RejectReason.IDENTITY_MISMATCH);

    SQLException e = loginFailure(emulator, emulator.defaultEndpoint().host(), "someone.else@example.com", token);

    assertThat(e.getSQLState()).isEqualTo("28000");
    assertThat(e.getMessage()).contains("OAuth token identity 'dev@example.com' did not match the requested role "
        + "'someone.else@example.com'").doesNotContain(token);
    assertThat(emulator.counters().loginsRejected(RejectReason.IDENTITY_MISMATCH)).isEqualTo(before + 1);
  }

  @Test
  void unknownDatabaseIsRefusedByPostgresItself(LakebaseEmulator emulator) {
    String token = mintForEndpoint(workspace, PRIMARY);
    long before = emulator.counters().loginsRejected(RejectReason.UNKNOWN_DATABASE);

    SQLException e = loginFailure(emulator, emulator.defaultEndpoint().host(), USER, token, props("dbname", "nope"));

    assertThat(e.getSQLState()).isEqualTo("3D000");
    assertThat(e.getMessage()).contains("database \"nope\" does not exist");
    assertThat(emulator.counters().loginsRejected(RejectReason.UNKNOWN_DATABASE)).isEqualTo(before + 1);
  }

  @Test
  void workspacePatIsNotADatabaseCredential(LakebaseEmulator emulator) {
    String pat = emulator.patFor(USER);
    long before = emulator.counters().loginsRejected(RejectReason.UNKNOWN_TOKEN);

    SQLException e = loginFailure(emulator, emulator.defaultEndpoint().host(), USER, pat);

    assertThat(e.getSQLState()).isEqualTo("28P01");
    assertThat(e.getMessage()).contains("password authentication failed for user \"dev@example.com\"")
        .doesNotContain(pat);
    assertThat(emulator.counters().loginsRejected(RejectReason.UNKNOWN_TOKEN)).isEqualTo(before + 1);
    LoginRecord record = emulator.counters().logins().get(emulator.counters().logins().size() - 1);
    assertThat(record.accepted()).isFalse();
    assertThat(record.reason()).isEqualTo(RejectReason.UNKNOWN_TOKEN);
    assertThat(record.tokenFingerprint()).isEqualTo(sha256Prefix(pat)).hasSize(8);
    assertThat(record.tokenExpiresAt()).isNull();
    assertThat(record.toString()).doesNotContain(pat);
  }

  @Test
  void revokedTokenIsRejectedButItsOpenSessionLives(LakebaseEmulator emulator) throws SQLException {
    String token = mintForEndpoint(workspace, PRIMARY);
    try (Connection open = connect(emulator, emulator.defaultEndpoint().host(), USER, token)) {
      emulator.revokeToken(token);

      SQLException e = loginFailure(emulator, emulator.defaultEndpoint().host(), USER, token);

      assertThat(e.getSQLState()).isEqualTo("28P01");
      assertThat(e.getMessage()).contains("token has been revoked").doesNotContain(token);
      assertThat(queryOne(open, "select 'still here'")).isEqualTo("still here");
    }
    assertThat(emulator.counters().loginsRejected(RejectReason.REVOKED_TOKEN)).isGreaterThanOrEqualTo(1);
  }

  @Test
  void revokeTokensOfAnIdentityRevokesAllItsTokens(LakebaseEmulator emulator) throws SQLException {
    String a = mintForEndpoint(workspace, PRIMARY);
    String b = mintForInstance(workspace, "demo-instance");
    String stranger = emulator.mintToken(PRIMARY, "stranger@example.com");

    emulator.revokeTokensOf(USER);

    assertThat(loginFailure(emulator, emulator.defaultEndpoint().host(), USER, a).getMessage()).contains("revoked");
    assertThat(loginFailure(emulator, emulator.instance("demo-instance").host(), USER, b).getMessage())
        .contains("revoked");
    assertThat(loginFailure(emulator, emulator.defaultEndpoint().host(), "stranger@example.com", stranger)
        .getMessage()).as("another identity's token is not revoked: it gets past the token check to PostgreSQL")
        .contains("role \"stranger@example.com\" does not exist");
    String fresh = mintForEndpoint(workspace, PRIMARY);
    try (Connection c = connect(emulator, emulator.defaultEndpoint().host(), USER, fresh)) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
  }

  @AfterAll
  static void noTokenEverReachedTheLogs(LakebaseEmulator emulator) {
    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).isNotEmpty();
    assertThat(CapturedLogs.lines()).isNotEmpty()
        .noneMatch(line -> tokens.stream().anyMatch(line::contains))
        .noneMatch(line -> line.contains(emulator.patFor(USER)));
  }

  private static String sha256Prefix(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)))
          .substring(0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
