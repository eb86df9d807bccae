package dev.lakebase.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;

/** For test classes that log in to the shared emulator's default endpoint, from a clean slate each time. */
abstract class DefaultEndpointTestBase {

  static final String USER = "dev@example.com";

  LakebaseEmulator emulator;
  EmulatedCompute endpoint;
  String token;

  @BeforeEach
  void resetAndMint(LakebaseEmulator emulator) {
    emulator.reset();
    this.emulator = emulator;
    this.endpoint = emulator.defaultEndpoint();
    this.token = emulator.mintToken(endpoint.name(), USER);
  }

  Connection login() throws SQLException {
    return TestClients.connect(emulator, endpoint.host(), USER, token);
  }
}
