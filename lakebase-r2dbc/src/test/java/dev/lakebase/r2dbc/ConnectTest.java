package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static dev.lakebase.r2dbc.R2dbcTests.queryOnce;
import static dev.lakebase.r2dbc.R2dbcTests.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LoginRecord;
import dev.lakebase.testkit.RejectReason;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Physical connects through the factory: a token from the shared cache, SNI and certificate checks
 * with the endpoint name, the URL forms, re-mint after a rejected login, permanent failures.
 */
@EmulatedLakebase
class ConnectTest extends EmulatorTest {

  @Test
  void connectsAsTheWorkspaceIdentityWithAMintedTokenAndSni() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    try {
      assertThat(queryOnce(factory, "select current_user").block(WAIT))
          .isEqualTo(emulator.defaultUser());
      assertThat(queryOnce(factory, "select 1").block(WAIT)).isEqualTo("1");
      // The emulator routes by SNI: the logins reached the endpoint of the discovered host.
      List<LoginRecord> logins = emulator.counters().logins();
      assertThat(logins).hasSize(2).allSatisfy(l -> {
        assertThat(l.accepted()).isTrue();
        assertThat(l.computeName()).isEqualTo(R2dbcTests.PRIMARY);
      });
      assertThat(emulator.counters().mints()).as("one token serves both connects").isEqualTo(1);
      assertThat(factory.credentialStatus().mints()).isEqualTo(1);
      assertThat(factory.getMetadata().getName()).isEqualTo("PostgreSQL");
    } finally {
      factory.dispose();
    }
  }

  @Test
  void verifyFullChecksTheEndpointNameWhileConnectingToTheResolvedAddress() {
    // The resolver answers 127.0.0.1; the certificate is checked against the endpoint's name.
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator)
        .sslMode(SslMode.VERIFY_FULL).sslRootCert(emulator.caCertificatePath().toString())
        .build());
    try {
      assertThat(queryOnce(factory, "select 1").block(WAIT)).isEqualTo("1");
    } finally {
      factory.dispose();
    }
  }

  @Test
  void theR2dbcSpiAcceptsLakebaseUrls() {
    HostResolver resolver = emulator.dns()::resolve;
    for (String url : List.of(
        "r2dbc:lakebase:projects://demo/branches/main/endpoints/primary",
        "r2dbc:lakebase:projects://demo/branches/main",
        "r2dbc:lakebase:///?endpoint=projects%2Fdemo%2Fbranches%2Fmain%2Fendpoints%2Fprimary")) {
      ConnectionFactoryOptions options = ConnectionFactoryOptions.builder()
          .from(ConnectionFactoryOptions.parse(url + (url.contains("?") ? "&" : "?")
              + "lakebase.port=" + emulator.port() + "&connectBudget=20s"))
          .option(Option.valueOf("workspaceClient"), workspace(emulator))
          .option(Option.valueOf("hostResolver"), resolver)
          .build();
      ConnectionFactory factory = ConnectionFactories.get(options);
      assertThat(factory).as(url).isInstanceOf(LakebaseConnectionFactory.class);
      try {
        assertThat(queryOnce(factory, "select current_user").block(WAIT)).as(url)
            .isEqualTo(emulator.defaultUser());
      } finally {
        ((LakebaseConnectionFactory) factory).dispose();
      }
    }
    assertThat(emulator.counters().logins()).hasSize(3)
        .allSatisfy(l -> assertThat(l.computeName()).isEqualTo(R2dbcTests.PRIMARY));
  }

  @Test
  void theJdbcGrammarWorksWithTheR2dbcPrefix() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(
        LakebaseConnectionFactory.configBuilder("r2dbc:lakebase:instances/demo-instance?port="
                + emulator.port() + "&applicationName=orders")
            .workspaceClient(workspace(emulator)).hostResolver(emulator.dns()::resolve).build());
    try {
      assertThat(queryOnce(factory, "select current_setting('application_name')").block(WAIT))
          .isEqualTo("orders");
      assertThat(emulator.counters().logins().get(0).computeName()).isEqualTo("demo-instance");
    } finally {
      factory.dispose();
    }
  }

  @Test
  void aRevokedTokenIsDroppedAndTheConnectRetriesOnceWithAFreshOne() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    try {
      queryOnce(factory, "select 1").block(WAIT);
      emulator.revokeToken(emulator.counters().mintedTokens().get(0));

      assertThat(queryOnce(factory, "select 1").block(WAIT)).isEqualTo("1");
      assertThat(emulator.counters().loginsRejected(RejectReason.REVOKED_TOKEN)).isEqualTo(1);
      assertThat(emulator.counters().mints()).isEqualTo(2);
    } finally {
      factory.dispose();
    }
  }

  @Test
  void anUnknownEndpointFailsAtOnceWithTheCoresMessage() {
    // A budget far above the time the failure may take: no retries of a permanent failure.
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator)
        .endpoint("projects/demo/branches/main/endpoints/nope")
        .connectBudget(Duration.ofMinutes(2)).build());
    try {
      assertThatThrownBy(() -> queryOnce(factory, "select 1").block(WAIT))
          .isInstanceOf(R2dbcNonTransientResourceException.class)
          .hasMessageContaining("projects/demo/branches/main/endpoints/nope")
          .hasMessageContaining("check endpoint");
      assertThat(emulator.counters().loginsAccepted() + emulator.counters().loginsRejected())
          .isZero();
    } finally {
      factory.dispose();
    }
  }

  @Test
  void anUnknownDatabaseFailsAfterOneLoginNamingTheSetting() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator)
        .database("nope").connectBudget(Duration.ofMinutes(2)).build());
    try {
      assertThatThrownBy(() -> queryOnce(factory, "select 1").block(WAIT))
          .isInstanceOf(R2dbcNonTransientResourceException.class)
          .satisfies(e -> assertThat(((R2dbcNonTransientResourceException) e).getSqlState())
              .isEqualTo("3D000"))
          .hasMessageContaining("does not exist")
          .hasMessageContaining("check database")
          .satisfies(e -> emulator.counters().mintedTokens()
              .forEach(t -> assertThat(e.getMessage()).doesNotContain(t)));
      assertThat(emulator.counters().loginsRejected(RejectReason.UNKNOWN_DATABASE)).isEqualTo(1);
    } finally {
      factory.dispose();
    }
  }
}
