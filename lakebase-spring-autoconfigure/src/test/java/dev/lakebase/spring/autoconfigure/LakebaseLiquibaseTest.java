package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.pool.LakebaseHikariDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.util.Map;
import javax.sql.DataSource;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Liquibase (as Spring Boot auto-configures it) migrating through the Lakebase DataSource. Flyway
 * is on the test classpath too, but its auto-configuration is not part of this runner.
 */
@EmulatedLakebase
class LakebaseLiquibaseTest {

  private static final String CHANGE_LOG = "db/changelog/lakebase-liquibase-test.yaml";

  private static LakebaseEmulator emulator;
  private static EmulatedCompute endpoint;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
    endpoint = shared.defaultEndpoint();
    TestSupport.writeProfiles(shared);
  }

  @BeforeEach
  void startWithoutTheTables() {
    // The database is shared with the other test classes (and survives a failed run of this one):
    // without these tables the changeset has to run now.
    dropTheTables();
  }

  @AfterEach
  void dropTheTablesAndRestoreTheEndpoint() {
    dropTheTables();
    // Wake behaviour back to hold(0), every compute ACTIVE, counters cleared.
    emulator.reset();
  }

  private static void dropTheTables() {
    new JdbcTemplate(emulator.adminDataSource()).execute(
        "drop table if exists liquibase_note, databasechangelog, databasechangeloglock");
  }

  /** The Lakebase DataSource on the emulator, plus Spring Boot's Liquibase (not Flyway). */
  private static ApplicationContextRunner runner() {
    return TestSupport.runner(emulator, endpoint)
        .withConfiguration(AutoConfigurations.of(LiquibaseAutoConfiguration.class))
        .withPropertyValues("spring.liquibase.change-log=classpath:" + CHANGE_LOG);
  }

  @Test
  void changelogMigratesThroughTheLakebasePool() {
    long logins = emulator.counters().loginsAccepted(endpoint.name());
    runner().run(context -> {
      assertThat(context).hasNotFailed();
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(dataSource).isInstanceOf(LakebaseHikariDataSource.class);
      assertThat(context).hasSingleBean(SpringLiquibase.class);
      assertThat(context.getBean(SpringLiquibase.class).getDataSource())
          .as("Liquibase uses the Lakebase pool").isSameAs(dataSource);

      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      assertThat(jdbc.queryForList("select id, body from liquibase_note"))
          .as("the changeset's row, read through the Lakebase pool")
          .containsExactly(Map.of("id", 1L, "body", "written by Liquibase"));
      assertThat(jdbc.queryForList(
          "select filename, exectype from databasechangelog where id = ? and author = ?",
          "liquibase-note-1", "lakebase-spring-autoconfigure"))
          .as("the changeset recorded as executed")
          .singleElement().satisfies(row -> {
            assertThat((String) row.get("filename")).endsWith(CHANGE_LOG);
            assertThat(row.get("exectype")).isEqualTo("EXECUTED");
          });

      // Created over a Lakebase login, not by anyone else: owned by the pool's login role.
      String loginRole = jdbc.queryForObject("select current_user", String.class);
      assertThat(loginRole).isEqualTo(emulator.defaultUser());
      assertThat(new JdbcTemplate(emulator.adminDataSource()).queryForList(
          "select tableowner from pg_tables where tablename = 'liquibase_note'", String.class))
          .as("owner of liquibase_note").containsExactly(loginRole);
    });
    assertThat(emulator.counters().loginsAccepted(endpoint.name()))
        .as("Liquibase's sessions were Lakebase logins to the endpoint").isGreaterThan(logins);
  }
}
