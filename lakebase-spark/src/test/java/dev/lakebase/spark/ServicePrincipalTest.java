package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OAuth M2M for executors without a secret in Spark's options: the tasks' driver connections
 * authenticate as a service principal from a Databricks config profile
 * ({@code databricksProfile}), mint endpoint tokens for it and log in as its role.
 */
class ServicePrincipalTest {

  private static final String CLIENT_ID = "8f2d6c1a-0b7e-4a59-9c3d-2e4f6a8b0c1d";
  private static final String CLIENT_SECRET = "sp-secret-for-the-emulator";

  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = LakebaseEmulator.builder()
        .servicePrincipal(CLIENT_ID, CLIENT_SECRET)
        .endpoint(SparkSupport.ENDPOINT)
        .shutdownHook(false)
        .start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void tasksLogInAsTheServicePrincipalOfTheProfile() {
    SparkSession spark = SparkSupport.spark();
    Map<String, String> options = SparkSupport.lakebaseOptions(emulator,
        SparkSupport.m2mProfileFor(emulator, CLIENT_ID, CLIENT_SECRET));

    SparkSupport.rows(1_000, 4, java.time.Duration.ZERO).write().format("jdbc").options(options)
        .option("dbtable", "sp_rows").mode(SaveMode.Overwrite).save();
    List<Row> who = spark.read().format("jdbc").options(options)
        .option("query", "select current_user as who, count(*) as n from sp_rows")
        .load().collectAsList();

    assertThat(who).hasSize(1);
    assertThat(who.get(0).getString(0)).isEqualTo(CLIENT_ID);
    assertThat(who.get(0).getLong(1)).isEqualTo(1_000);
    assertThat(emulator.counters().mints(SparkSupport.ENDPOINT, CLIENT_ID)).isEqualTo(1);
    assertThat(emulator.counters().loginsAccepted(SparkSupport.ENDPOINT))
        .isGreaterThanOrEqualTo(5); // 4 writing tasks + the reads
  }
}
