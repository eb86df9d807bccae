package com.example.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.pool.LakebasePoolConfig;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@EmulatedLakebase
class OrdersTest {

  @Test
  void ordersOnLakebase(LakebaseEmulator emulator) throws SQLException {
    // The emulator's workspace API, with its default user's personal access token.
    WorkspaceClient workspace = new WorkspaceClient(new DatabricksConfig()
        .setHost(emulator.workspaceUrl())
        .setAuthType("pat")
        .setToken(emulator.patFor(emulator.defaultUser())));
    LakebaseConfig config = LakebaseConfig.builder()
        .endpoint(emulator.defaultEndpoint().name())
        .workspaceClient(workspace)
        .hostResolver(emulator.dns()::resolve)   // the emulator's host names are not in DNS
        .port(emulator.port())
        .build();

    try (LakebasePooledDataSource pool =
             LakebasePools.create(config, LakebasePoolConfig.builder().build());
         Connection connection = pool.getConnection();
         Statement statement = connection.createStatement()) {
      statement.execute("create table orders (id int primary key, total numeric(10, 2))");
      statement.execute("insert into orders values (1, 9.99), (2, 20.01)");
      try (ResultSet rs = statement.executeQuery("select sum(total) from orders")) {
        rs.next();
        assertEquals(new BigDecimal("30.00"), rs.getBigDecimal(1));
      }
      try (ResultSet rs = statement.executeQuery("show server_version")) {
        rs.next();
        assertTrue(rs.getString(1).startsWith("17."), "PostgreSQL 17, not " + rs.getString(1));
      }
    }
    assertEquals(1, emulator.counters().mints(), "one token, minted by the workspace API");
  }
}
