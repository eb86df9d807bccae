package dev.lakebase.benchmarks.support;

import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.client.SSLMode;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;

/**
 * The R2DBC baselines' connection factory: bare r2dbc-postgresql with the fixture's static token,
 * connecting to the emulator's address with the endpoint's host name as SNI (the emulator routes
 * by it), TLS {@code require} and TCP keep-alive, as the Lakebase factory does.
 */
public final class R2dbcBaseline {

  private R2dbcBaseline() {}

  /**
   * Creates the factory.
   *
   * @param fixture the running emulator and its static token
   * @return the bare factory
   */
  public static PostgresqlConnectionFactory staticPassword(EmulatorFixture fixture) {
    String host = fixture.endpoint().host();
    return new PostgresqlConnectionFactory(PostgresqlConnectionConfiguration.builder()
        .host("127.0.0.1")
        .port(fixture.emulator().port())
        .database(fixture.emulator().database())
        .username(fixture.emulator().defaultUser())
        .password(fixture.staticToken())
        .sslMode(SSLMode.REQUIRE)
        .sslSni(false)
        .sslParameters(address -> {
          SSLParameters parameters = new SSLParameters();
          parameters.setServerNames(List.of(new SNIHostName(host)));
          return parameters;
        })
        .tcpKeepAlive(true)
        .build());
  }
}
