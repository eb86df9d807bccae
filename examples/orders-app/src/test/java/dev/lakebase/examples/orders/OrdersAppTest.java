package dev.lakebase.examples.orders;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a random port, on the emulator (@AutoConfigureLakebaseEmulator) with 2,000
 * generated orders. Every subclass has exactly this configuration, so they share one application
 * context (Spring's test context cache): the emulator and the data load happen once.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "orders.data.scale=" + OrdersAppTest.SCALE)
@AutoConfigureLakebaseEmulator
@ActiveProfiles("emulator")
abstract class OrdersAppTest {

  /** Orders generated for the tests. */
  static final int SCALE = 2000;

  @LocalServerPort
  int port;
  /** Straight SQL for fixtures and assertions (through the same Lakebase pool). */
  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  LakebaseEmulator emulator;
  Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }
}
