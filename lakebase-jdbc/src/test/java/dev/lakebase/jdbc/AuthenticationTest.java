package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.REPLICA;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static dev.lakebase.jdbc.EmulatorSupport.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.RejectReason;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A rejected login is retried once with a fresh token, then fails with a clear message. */
@EmulatedLakebase
class AuthenticationTest {

  private final LakebaseEmulator emulator;

  AuthenticationTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    EmulatorSupport.fresh(emulator);
  }

  @Test
  void aUserThatIsNotTheTokenIdentityIsRejectedAfterOneReMint() {
    RecordingListener events = new RecordingListener();
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator)
        .user("somebody-else@example.com").listener(events).build())) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
          .hasMessageContaining("Lakebase rejected the login of user 'somebody-else@example.com'")
          .hasMessageContaining("with a fresh token")
          .hasMessageContaining("did not match")
          .hasMessageContaining("Check user")
          .satisfies(e -> assertThat(((SQLInvalidAuthorizationSpecException) e).getSQLState())
              .isEqualTo("28000"));
    }
    assertThat(emulator.counters().loginsRejected(RejectReason.IDENTITY_MISMATCH)).isEqualTo(2);
    assertThat(emulator.counters().loginsRejected()).isEqualTo(2);
    assertThat(emulator.counters().mints()).isEqualTo(2);
    assertThat(events.attempts).extracting(ConnectAttemptEvent::outcome).containsExactly(
        ConnectAttemptEvent.Outcome.RETRYING, ConnectAttemptEvent.Outcome.FAILED);
    assertThat(events.attempts).allSatisfy(
        a -> assertThat(a.failureKind()).isEqualTo(FailureKind.AUTHENTICATION));
  }

  @Test
  void aTokenScopedToAnotherEndpointIsRejectedAfterOneReMint() {
    String user = emulator.defaultUser();
    LakebaseConfig config = config(emulator)
        .endpoint(REPLICA)
        .user(user)
        .credentialProvider(CredentialProviders.autoscaling(workspace(emulator), PRIMARY, user))
        .build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThatThrownBy(ds::getConnection)
          .isInstanceOf(SQLInvalidAuthorizationSpecException.class)
          .hasMessageContaining("different endpoint")
          .hasMessageContaining("scoped to Autoscaling endpoint " + REPLICA);
    }
    assertThat(emulator.counters().loginsRejected(RejectReason.WRONG_COMPUTE)).isEqualTo(2);
    assertThat(emulator.counters().mints(PRIMARY)).isEqualTo(2);
    assertThat(emulator.counters().mints(REPLICA)).isZero();
  }

  @Test
  void aRevokedTokenIsReplacedTransparently() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      emulator.revokeTokensOf(emulator.defaultUser());
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
      try (Connection c = ds.getConnection()) {
        assertThat(selectOne(c)).isEqualTo(1);
      }
    }
    assertThat(emulator.counters().loginsRejected(RejectReason.REVOKED_TOKEN)).isEqualTo(1);
    assertThat(emulator.counters().mints()).isEqualTo(2);
    assertThat(emulator.counters().loginsAccepted()).isEqualTo(3);
  }

  @Test
  void manyConnectsFailingWithTheSameRevokedTokenCauseOneReMint() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config(emulator).build())) {
      try (Connection c = ds.getConnection()) {
        selectOne(c);
      }
      String token = emulator.counters().mintedTokens().get(0);
      emulator.revokeToken(token);
      List<CompletableFuture<Integer>> all = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        all.add(CompletableFuture.supplyAsync(() -> {
          try (Connection c = ds.getConnection()) {
            return selectOne(c);
          } catch (SQLException e) {
            throw new CompletionException(e);
          }
        }));
      }
      for (CompletableFuture<Integer> f : all) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      }
    }
    assertThat(emulator.counters().mints()).isEqualTo(2);
  }
}
