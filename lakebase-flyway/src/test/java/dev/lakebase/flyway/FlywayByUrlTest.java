package dev.lakebase.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Flyway configured by URL alone, as the Maven plugin and the command line configure it: the
 * plugin is found through {@code META-INF/services}, opens the URL with the Lakebase driver (a
 * minted token, no user or password in Flyway), and Flyway's PostgreSQL support migrates.
 */
@EmulatedLakebase
class FlywayByUrlTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;

  FlywayByUrlTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() throws Exception {
    emulator.reset();
    LakebaseRuntime.reset();
    EmulatorDns.emulator = emulator;
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists orders, flyway_schema_history");
    }
  }

  @Test
  void migratesByUrl() throws Exception {
    MigrateResult result = Flyway.configure()
        .dataSource(url(), null, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();

    assertThat(result.success).isTrue();
    assertThat(result.migrationsExecuted).isEqualTo(2);
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select sum(total), (select installed_by from"
            + " flyway_schema_history where version = '2') from orders")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("30.00");
      assertThat(rs.getString(2)).as("migrated as the workspace identity")
          .isEqualTo(emulator.defaultUser());
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isPositive();
    assertThat(emulator.counters().mints()).as("one token for every Flyway connection")
        .isEqualTo(1);
  }

  @Test
  void claimsOnlyLakebaseUrls() {
    LakebaseDatabaseType type = new LakebaseDatabaseType();
    assertThat(type.handlesJDBCUrl("jdbc:lakebase:" + PRIMARY)).isTrue();
    assertThat(type.handlesJDBCUrl("jdbc:lakebase://host/db")).isTrue();
    assertThat(type.handlesJDBCUrl("jdbc:lakebase:Server=host;Port=5432;")).isFalse();
    assertThat(type.handlesJDBCUrl("jdbc:postgresql://host/db")).isFalse();
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:lakebase:" + PRIMARY, null))
        .as("registered through META-INF/services")
        .singleElement().isInstanceOf(LakebaseDatabaseType.class);
    assertThat(DatabaseTypeRegister.getDatabaseTypesForUrl("jdbc:postgresql://h/db", null))
        .noneMatch(t -> t instanceof LakebaseDatabaseType);
    assertThat(((DatabaseType) type).getJDBCCredentialsPatterns())
        .anyMatch(p -> p.matcher("jdbc:lakebase:x?databricksToken=abc").find());
  }

  private String url() {
    return "jdbc:lakebase:" + PRIMARY + "?port=" + emulator.port()
        + "&databricksHost=" + URLEncoder.encode(emulator.workspaceUrl(), StandardCharsets.UTF_8)
        + "&databricksToken=" + emulator.patFor(emulator.defaultUser())
        + "&hostResolver=" + EmulatorDns.class.getName();
  }
}
