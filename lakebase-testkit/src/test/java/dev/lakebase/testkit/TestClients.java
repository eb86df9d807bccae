package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.service.database.GenerateDatabaseCredentialRequest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/** What the tests use as clients: the real Databricks SDK and real pgjdbc, pointed at an emulator. */
final class TestClients {

  private TestClients() {
  }

  static WorkspaceClient workspace(LakebaseEmulator emulator) {
    return workspace(emulator, emulator.patFor(emulator.defaultUser()));
  }

  static WorkspaceClient workspace(LakebaseEmulator emulator, String pat) {
    return new WorkspaceClient(new DatabricksConfig().setHost(emulator.workspaceUrl()).setToken(pat));
  }

  /** Mints through {@code w.postgres().generateDatabaseCredential} (Autoscaling). */
  static String mintForEndpoint(WorkspaceClient w, String endpointPath) {
    return w.postgres().generateDatabaseCredential(
        new com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest().setEndpoint(endpointPath))
        .getToken();
  }

  /** Mints through {@code w.database().generateDatabaseCredential} (Provisioned). */
  static String mintForInstance(WorkspaceClient w, String instanceName) {
    return w.database().generateDatabaseCredential(new GenerateDatabaseCredentialRequest()
        .setInstanceNames(List.of(instanceName)).setRequestId(UUID.randomUUID().toString())).getToken();
  }

  /** Logs in over TLS (sslmode=require) with the compute's host name as SNI. */
  static Connection connect(LakebaseEmulator emulator, String host, String user, String password) throws SQLException {
    return connect(emulator, host, user, password, new Properties());
  }

  static Connection connect(LakebaseEmulator emulator, String host, String user, String password, Properties extra)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "require");
    p.setProperty("socketFactory", LoopbackSocketFactory.class.getName());
    p.setProperty("socketFactoryArg", Integer.toString(emulator.port()));
    p.setProperty("connectTimeout", "20");
    p.putAll(extra);
    String database = p.getProperty("dbname", emulator.database());
    p.remove("dbname");
    return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + emulator.port() + "/" + database, p);
  }

  /** Expects a login to fail and returns the failure. */
  static SQLException loginFailure(LakebaseEmulator emulator, String host, String user, String password) {
    return loginFailure(emulator, host, user, password, new Properties());
  }

  static SQLException loginFailure(LakebaseEmulator emulator, String host, String user, String password,
      Properties extra) {
    SQLException e = catchThrowableOfType(SQLException.class, () -> connect(emulator, host, user, password, extra)
        .close());
    assertThat((Throwable) e).as("login should have been refused").isNotNull();
    return e;
  }

  static Object queryOne(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getObject(1);
    }
  }

  static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }
}
