package dev.lakebase.benchmarks.support;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A running emulator and the three ways the benchmarks log in to its default endpoint: bare
 * pgjdbc with a password, the SDK's {@link LakebaseDataSource}, and a token minted through the
 * real Databricks SDK client. All reach the same compute over TLS with the endpoint's host name
 * as SNI.
 */
public final class EmulatorFixture implements AutoCloseable {

  private final LakebaseEmulator emulator;
  private final WorkspaceClient workspace;
  private final EmulatedCompute endpoint;
  private final org.postgresql.Driver pgjdbc = new org.postgresql.Driver();
  private final AttemptCounter attempts = new AttemptCounter();
  private final List<LakebaseDataSource> dataSources = new ArrayList<>();
  private final String staticToken;

  private EmulatorFixture(LakebaseEmulator emulator) {
    this.emulator = emulator;
    this.workspace = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl())
        .setToken(emulator.patFor(emulator.defaultUser())));
    this.endpoint = emulator.defaultEndpoint();
    this.staticToken = mintThroughWorkspaceApi();
  }

  /**
   * Starts an emulator with its defaults (1 h tokens) and mints the token of the bare pgjdbc
   * baseline, valid for the run.
   *
   * @return the fixture
   */
  public static EmulatorFixture start() {
    return new EmulatorFixture(LakebaseEmulator.start());
  }

  /**
   * Like {@link #start()} with an emulator built by the caller, e.g. with a single endpoint so a
   * client that sends no TLS SNI (an application pointed at {@code 127.0.0.1}) reaches it.
   *
   * @param emulator the emulator's builder
   * @return the fixture
   */
  public static EmulatorFixture start(LakebaseEmulator.Builder emulator) {
    return new EmulatorFixture(emulator.start());
  }

  /**
   * The default READ_WRITE endpoint, for its wake knobs.
   *
   * @return the compute
   */
  public EmulatedCompute endpoint() {
    return endpoint;
  }

  /**
   * Mints a token the naive way: one workspace API call through the Databricks SDK client.
   *
   * @return the token
   */
  public String mintThroughWorkspaceApi() {
    return workspace.postgres().generateDatabaseCredential(
        new GenerateDatabaseCredentialRequest().setEndpoint(endpoint.name())).getToken();
  }

  /**
   * Opens a connection with bare pgjdbc and the token minted at start: an application without
   * the SDK that has a valid password.
   *
   * @return the connection
   * @throws SQLException as pgjdbc reports it
   */
  public Connection connectWithStaticToken() throws SQLException {
    return connectWithPgjdbc(staticToken);
  }

  /**
   * Opens a connection with bare pgjdbc and a password, as an application without the SDK does.
   *
   * @param password the token to log in with
   * @return the connection
   * @throws SQLException as pgjdbc reports it
   */
  public Connection connectWithPgjdbc(String password) throws SQLException {
    return connectWithPgjdbc(password, new Properties());
  }

  /**
   * Like {@link #connectWithPgjdbc(String)}, with more pgjdbc properties.
   *
   * @param password the token to log in with
   * @param extra pgjdbc connection properties, e.g. {@code reWriteBatchedInserts}
   * @return the connection
   * @throws SQLException as pgjdbc reports it
   */
  public Connection connectWithPgjdbc(String password, Properties extra) throws SQLException {
    Properties props = new Properties();
    props.putAll(extra);
    props.setProperty("user", emulator.defaultUser());
    props.setProperty("password", password);
    props.setProperty("sslmode", "require");
    // The SDK sets it too: keep both sides' sockets alike.
    props.setProperty("tcpKeepAlive", "true");
    props.setProperty("socketFactory", LoopbackSocketFactory.class.getName());
    props.setProperty("socketFactoryArg", Integer.toString(emulator.port()));
    return pgjdbc.connect("jdbc:postgresql://" + endpoint.host() + ":" + emulator.port() + "/"
        + emulator.database(), props);
  }

  /**
   * The SDK's DataSource for the endpoint (real workspace client, host discovery, credential
   * cache; the emulator's resolver stands in for DNS), after one connect: its host and
   * credential are cached, as in a running application. Its connect attempts are counted in
   * {@link #attempts()}.
   *
   * @param settings changes to the default configuration
   * @return a new DataSource, closed by {@link #stop}
   * @throws SQLException if the first connect fails
   */
  public LakebaseDataSource warmLakebaseDataSource(UnaryOperator<LakebaseConfig.Builder> settings)
      throws SQLException {
    LakebaseDataSource dataSource = new LakebaseDataSource(lakebaseConfig(settings));
    dataSources.add(dataSource);
    dataSource.getConnection().close();
    return dataSource;
  }

  /**
   * The SDK's configuration for the endpoint (real workspace client, host discovery, credential
   * cache; the emulator's resolver stands in for DNS), counting connect attempts in {@link
   * #stop}'s extra metrics.
   *
   * @param settings changes to the default configuration
   * @return the configuration
   */
  public LakebaseConfig lakebaseConfig(UnaryOperator<LakebaseConfig.Builder> settings) {
    return settings.apply(LakebaseConfig.builder()
        .endpoint(endpoint.name())
        .workspaceClient(workspace)
        .user(emulator.defaultUser())
        .hostResolver(emulator.dns()::resolve)
        .port(emulator.port())
        .listener(attempts))
        .build();
  }

  /**
   * The token minted at start, valid for the run: the baselines' static password.
   *
   * @return the token
   */
  public String staticToken() {
    return staticToken;
  }

  /**
   * The emulator.
   *
   * @return the emulator
   */
  public LakebaseEmulator emulator() {
    return emulator;
  }

  /**
   * Runs {@code SELECT 1}: proof that a connection is usable.
   *
   * @param connection the connection
   * @throws SQLException if the query fails
   */
  public static void selectOne(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("SELECT 1");
    }
  }

  /**
   * Records the connect attempts of the SDK's DataSources (see {@link AttemptCounter}) as extra
   * metrics of the benchmark, then closes the DataSources and the emulator.
   *
   * @param params the benchmark, to label the counts
   */
  public void stop(BenchmarkParams params) {
    stop(params, Map.of());
  }

  /**
   * Like {@link #stop(BenchmarkParams)}, with samples of the benchmark's own as extra metrics.
   *
   * @param params the benchmark, to label the counts
   * @param samples observations to pool across forks
   */
  public void stop(BenchmarkParams params, Map<String, List<Double>> samples) {
    ExtraMetrics.write(params, attempts.counts(), samples);
    close();
  }

  @Override
  public void close() {
    dataSources.forEach(LakebaseDataSource::close);
    emulator.close();
  }
}
