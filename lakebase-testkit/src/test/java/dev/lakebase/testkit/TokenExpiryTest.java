package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.connect;
import static dev.lakebase.testkit.TestClients.loginFailure;
import static dev.lakebase.testkit.TestClients.queryOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.DatabaseCredential;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens are checked at login only: an expired token cannot log in, an open session outlives it. */
@EmulatedLakebase(tokenLifetime = "3s")
class TokenExpiryTest {

  private static final String USER = "dev@example.com";

  @BeforeEach
  void clearCounters(LakebaseEmulator emulator) {
    emulator.counters().reset();
  }

  @Test
  void expiredTokenIsRejectedAtLoginWhileTheOpenSessionSurvives(LakebaseEmulator emulator) throws SQLException {
    assertThat(emulator.tokenLifetime()).isEqualTo(Duration.ofSeconds(3));
    DatabaseCredential credential = mint(TestClients.workspace(emulator), emulator);
    Instant expiresAt = expiry(credential);
    String host = emulator.defaultEndpoint().host();

    try (Connection session = connect(emulator, host, USER, credential.getToken())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiresAt));

      SQLException e = loginFailure(emulator, host, USER, credential.getToken());
      assertThat(e.getSQLState()).isEqualTo("28P01");
      assertThat(e.getMessage()).contains("OAuth token has expired").doesNotContain(credential.getToken());

      assertThat(queryOne(session, "select 'alive after expiry'")).isEqualTo("alive after expiry");
    }

    EmulatorCounters counters = emulator.counters();
    assertThat(counters.loginsWithExpiredToken()).isEqualTo(1);
    assertThat(counters.loginsRejected(RejectReason.EXPIRED_TOKEN)).isEqualTo(1);
    assertThat(counters.loginsWithToken(credential.getToken())).as("accepted logins only").isEqualTo(1);
    LoginRecord rejected = counters.logins().get(counters.logins().size() - 1);
    assertThat(rejected.reason()).isEqualTo(RejectReason.EXPIRED_TOKEN);
    assertThat(rejected.tokenExpiresAt()).isEqualTo(expiresAt);
    assertThat(rejected.at()).isAfter(expiresAt);
  }

  @Test
  void lifetimeChangesApplyToTokensMintedAfterwards(LakebaseEmulator emulator) throws SQLException {
    WorkspaceClient w = TestClients.workspace(emulator);
    DatabaseCredential shortLived = mint(w, emulator);
    DatabaseCredential longLived;
    emulator.tokenLifetime(Duration.ofHours(1));
    try {
      longLived = mint(w, emulator);
    } finally {
      emulator.tokenLifetime(Duration.ofSeconds(3));
    }
    assertThat(expiry(longLived)).isAfter(Instant.now().plus(Duration.ofMinutes(59)));

    await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiry(shortLived)));

    assertThat(loginFailure(emulator, emulator.defaultEndpoint().host(), USER, shortLived.getToken()).getSQLState())
        .isEqualTo("28P01");
    try (Connection c = connect(emulator, emulator.defaultEndpoint().host(), USER, longLived.getToken())) {
      assertThat(queryOne(c, "select 1")).isEqualTo(1);
    }
  }

  private static DatabaseCredential mint(WorkspaceClient w, LakebaseEmulator emulator) {
    return w.postgres().generateDatabaseCredential(
        new GenerateDatabaseCredentialRequest().setEndpoint(emulator.defaultEndpoint().name()));
  }

  private static Instant expiry(DatabaseCredential credential) {
    return Instant.ofEpochSecond(credential.getExpireTime().getSeconds(), credential.getExpireTime().getNanos());
  }
}
