package com.example.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

@SpringBootTest
@AutoConfigureLakebaseEmulator
class OrdersEmulatorTest {

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  LakebaseEmulator emulator;

  @Test
  void ordersOnTheEmulator() {
    jdbc.execute("create table if not exists invoices (id int primary key, total numeric(10, 2))");
    jdbc.update("insert into invoices values (?, ?)", 1, 12.50);
    assertThat(jdbc.queryForObject("select sum(total) from invoices", String.class))
        .isEqualTo("12.50");
    assertThat(jdbc.queryForObject("select current_user", String.class))
        .isEqualTo(emulator.defaultUser());
    assertThat(emulator.counters().mints()).as("tokens minted by the workspace API").isPositive();
  }
}
