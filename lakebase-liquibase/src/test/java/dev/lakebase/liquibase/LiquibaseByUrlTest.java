package dev.lakebase.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseDriver;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import liquibase.command.CommandScope;
import liquibase.database.DatabaseFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Liquibase given only a {@code jdbc:lakebase:} URL (no {@code driver=}), as its command line and
 * Maven plugin are: the URL finds the Lakebase driver through this module's database extension,
 * and the changelog runs on Liquibase's PostgreSQL support.
 */
@EmulatedLakebase
class LiquibaseByUrlTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;

  LiquibaseByUrlTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeAll
  static void noAnalytics() {
    // Liquibase 4.30+ sends anonymous usage data by default; this build has no network for it.
    System.setProperty("liquibase.analytics.enabled", "false");
  }

  @BeforeEach
  void fresh() throws Exception {
    emulator.reset();
    LakebaseRuntime.reset();
    EmulatorDns.emulator = emulator;
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists invoices, databasechangelog, databasechangeloglock");
    }
  }

  @Test
  void updateByUrlWithoutNamingTheDriver() throws Exception {
    new CommandScope("update")
        .addArgumentValue("url", url())
        .addArgumentValue("changelogFile", "db/changelog.xml")
        .execute();

    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select (select total from invoices where id = 1),"
            + " (select count(*) from databasechangelog)")) {
      rs.next();
      assertThat(rs.getString(1)).as("the dbms=\"postgresql\" change set ran").isEqualTo("12.50");
      assertThat(rs.getInt(2)).isEqualTo(2);
    }
    assertThat(emulator.counters().loginsAccepted(PRIMARY)).isPositive();
    assertThat(emulator.counters().mints()).isEqualTo(1);
  }

  @Test
  void namesTheDriverOnlyForLakebaseUrls() {
    DatabaseFactory factory = DatabaseFactory.getInstance();
    assertThat(factory.findDefaultDriver("jdbc:lakebase:" + PRIMARY))
        .isEqualTo(LakebaseDriver.class.getName());
    assertThat(factory.findDefaultDriver("jdbc:postgresql://h/db"))
        .isEqualTo("org.postgresql.Driver");
    assertThat(new LakebaseDatabase().getDefaultDriver("jdbc:lakebase:Server=h;Port=5432;"))
        .isNull();
  }

  private String url() {
    return "jdbc:lakebase:" + PRIMARY + "?port=" + emulator.port()
        + "&databricksHost=" + URLEncoder.encode(emulator.workspaceUrl(), StandardCharsets.UTF_8)
        + "&databricksToken=" + emulator.patFor(emulator.defaultUser())
        + "&hostResolver=" + EmulatorDns.class.getName();
  }
}
