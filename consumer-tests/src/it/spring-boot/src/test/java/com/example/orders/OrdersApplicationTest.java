package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EmulatedLakebase
@SpringBootTest
class OrdersApplicationTest {

  static LakebaseEmulator emulator;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
  }

  // The emulator's endpoint and port replace the application's lakebase.* settings.
  @DynamicPropertySource
  static void lakebase(DynamicPropertyRegistry registry) {
    registry.add("lakebase.endpoint", () -> emulator.defaultEndpoint().name());
    registry.add("lakebase.port", () -> emulator.port());
  }

  @TestConfiguration
  static class EmulatorBeans {

    // The emulator's workspace API, with its default user's personal access token.
    @Bean
    WorkspaceClient workspaceClient() {
      return new WorkspaceClient(new DatabricksConfig()
          .setHost(emulator.workspaceUrl())
          .setAuthType("pat")
          .setToken(emulator.patFor(emulator.defaultUser())));
    }

    // The emulator's host names are not in DNS.
    @Bean
    HostResolver emulatorDns() {
      return emulator.dns()::resolve;
    }
  }

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void ordersOnLakebase() {
    jdbc.execute("create table orders (id int primary key, total numeric(10, 2))");
    jdbc.update("insert into orders values (?, ?), (?, ?)", 1, 9.99, 2, 20.01);
    assertThat(jdbc.queryForObject("select sum(total) from orders", String.class))
        .isEqualTo("30.00");
    assertThat(jdbc.queryForObject("select current_user", String.class))
        .isEqualTo(emulator.defaultUser());
    assertThat(jdbc.queryForObject("show server_version", String.class)).startsWith("17.");
    assertThat(emulator.counters().mints()).as("tokens minted by the workspace API").isPositive();
  }
}
