package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static dev.lakebase.r2dbc.R2dbcTests.queryOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.SslMode;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LoginRecord;
import org.junit.jupiter.api.Test;

/** Physical connects through the factory: token from the cache, SNI, TLS checks, re-mint. */
@EmulatedLakebase
class ConnectTest extends EmulatorTest {

  @Test
  void connectsAsTheWorkspaceIdentityWithAMintedTokenAndSni() {
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator).build());
    try {
      String user = queryOnce(factory, "select current_user").block(WAIT);
      assertThat(user).isEqualTo(emulator.defaultUser());
      // The emulator routes by SNI: the login reached the endpoint named by the discovered host.
      LoginRecord login = emulator.counters().logins().get(0);
      assertThat(login.accepted()).isTrue();
      assertThat(login.computeName()).isEqualTo(R2dbcTests.PRIMARY);
      assertThat(emulator.counters().mints()).isEqualTo(1);
    } finally {
      factory.dispose();
    }
  }
}
