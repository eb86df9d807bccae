package dev.lakebase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.demo.DemoApplication;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The test entry point: one annotation, and the application's own DataSource is a Lakebase pool
 * on the emulator, logged in with a token the emulator minted for the endpoint.
 */
@SpringBootTest(classes = DemoApplication.class,
    properties = "lakebase-emulator.token-lifetime=10m")
@AutoConfigureLakebaseEmulator
class AutoConfigureLakebaseEmulatorTest {

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  LakebaseEmulator emulator;
  @Autowired
  LakebasePooledDataSource pool;
  @Autowired
  LakebaseConnectionDetails details;

  @Test
  void theStarterConnectsToTheEmulatorWithMintedTokens() {
    assertThat(jdbc.queryForObject("select current_user", String.class))
        .isEqualTo(emulator.defaultUser());
    assertThat(emulator.counters().mints()).isPositive();
    assertThat(emulator.counters().logins()).isNotEmpty()
        .allSatisfy(login -> assertThat(login.computeName())
            .isEqualTo(emulator.defaultEndpoint().name()));
    assertThat(emulator.tokenLifetime()).isEqualTo(Duration.ofMinutes(10));
    assertThat(pool).isNotNull();
  }

  @Test
  void connectionDetailsNeverShowTheToken() {
    assertThat(details.toString()).contains(emulator.defaultEndpoint().name())
        .doesNotContain(details.workspaceToken());
  }
}
