package dev.lakebase.examples.ingest;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on the emulator ({@code @AutoConfigureLakebaseEmulator}), on a random port, with the test profile's extra
 * tables. Every subclass shares one cached context (one emulator), so tests use their own device
 * names and assert deltas of the writers' counters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLakebaseEmulator
@ActiveProfiles("test")
abstract class IngestAppTestSupport {

  @LocalServerPort
  int port;

  @Autowired
  LakebaseEmulator emulator;

  /** The application's HTTP API. */
  Api api;

  /** The database, straight (not through the emulator's proxy). */
  Db db;

  @BeforeEach
  void connect() {
    api = new Api(port);
    db = new Db(emulator.adminDataSource());
  }

  /** A device name no other test uses: rows of a test are the rows of its device. */
  static String device() {
    return "dev-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
