package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Workspace auth for the tasks, given as Spark options or as a profile, and what Spark shows of
 * it. Spark redacts, in the SQL tab's plan text, every option whose name or value matches
 * {@code spark.redaction.regex} ({@code (?i)secret|password|token|access[.]?key}) or
 * {@code spark.sql.redaction.options.regex} ({@code (?i)url}): this checks that the driver keys
 * carrying secrets ({@code databricksClientSecret}, {@code databricksToken}) are among them, in
 * the SQL listener events the UI renders and in the whole log (at INFO, ours at DEBUG).
 */
@EmulatedLakebase
class ExecutorAuthTest {

  private static final String CLIENT_ID = "8f2d6c1a-0b7e-4a59-9c3d-2e4f6a8b0c1d";
  private static final String CLIENT_SECRET = "sp-secret-7f3a91c2-for-the-emulator";
  private static final String IN_URL = "in-url-marker-9d2e";

  private static LakebaseEmulator servicePrincipalWorkspace;

  private final LakebaseEmulator emulator;
  private final SparkSession spark = SparkSupport.spark();

  ExecutorAuthTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeAll
  static void start() {
    servicePrincipalWorkspace = LakebaseEmulator.builder()
        .servicePrincipal(CLIENT_ID, CLIENT_SECRET)
        .endpoint(SparkSupport.ENDPOINT)
        .shutdownHook(false)
        .start();
  }

  @AfterAll
  static void stop() {
    servicePrincipalWorkspace.close();
  }

  @Test
  void oauthM2mAsOptionsLogsTasksInAsTheServicePrincipalAndTheSecretStaysHidden()
      throws Exception {
    Map<String, String> options =
        SparkSupport.m2mOptions(servicePrincipalWorkspace, CLIENT_ID, CLIENT_SECRET);
    options.put("url", options.get("url") + "?applicationName=" + IN_URL);
    String ui = writeAndReadCapturingTheUi(options, "m2m_rows");

    assertThat(servicePrincipalWorkspace.counters().mints(SparkSupport.ENDPOINT, CLIENT_ID))
        .isEqualTo(1);
    // The capture sees the options: the client id is no secret and is shown ...
    assertThat(ui).contains("databricksclientid=" + CLIENT_ID);
    // ... the secret and the whole URL are not (Spark prints option names in lower case).
    assertThat(ui).doesNotContain(CLIENT_SECRET, IN_URL)
        .contains("databricksclientsecret=*********(redacted)")
        .contains("url=*********(redacted)");
    assertNotLogged(CLIENT_SECRET);
    for (String token : servicePrincipalWorkspace.counters().mintedTokens()) {
      assertThat(ui).doesNotContain(token);
      assertNotLogged(token);
    }
  }

  @Test
  void aWorkspaceTokenAsAnOptionIsRedactedToo() throws Exception {
    String pat = emulator.patFor(emulator.defaultUser());
    String ui = writeAndReadCapturingTheUi(SparkSupport.lakebaseOptions(emulator), "pat_rows");

    assertThat(ui).contains("databricksauthtype=pat")
        .contains("databrickstoken=*********(redacted)")
        .doesNotContain(pat);
    assertNotLogged(pat);
  }

  @Test
  void oauthM2mFromAProfileNeedsNoSecretInSpark() {
    Map<String, String> options = SparkSupport.profileOptions(servicePrincipalWorkspace,
        SparkSupport.m2mProfileFor(servicePrincipalWorkspace, CLIENT_ID, CLIENT_SECRET));
    SparkSupport.rows(1_000, 4, Duration.ZERO).write().format("jdbc").options(options)
        .option("dbtable", "profile_rows").mode(SaveMode.Overwrite).save();
    assertThat(whoWrote(options, "profile_rows")).isEqualTo(CLIENT_ID);
  }

  /**
   * Writes 1,000 rows in 4 tasks and reads them back as the login user; returns what the SQL
   * tab would show of both queries.
   */
  private String writeAndReadCapturingTheUi(Map<String, String> options, String table) {
    PlanCapture plans = new PlanCapture();
    spark.sparkContext().addSparkListener(plans);
    try {
      SparkSupport.rows(1_000, 4, Duration.ZERO).write().format("jdbc").options(options)
          .option("dbtable", table).mode(SaveMode.Overwrite).save();
      String expectedUser = options.containsKey("databricksClientId")
          ? options.get("databricksClientId") : emulator.defaultUser();
      assertThat(whoWrote(options, table)).isEqualTo(expectedUser);
      await().atMost(Duration.ofSeconds(30)).until(() -> plans.text().contains(table));
      return plans.text();
    } finally {
      spark.sparkContext().removeSparkListener(plans);
    }
  }

  /** The tasks' login user, read back with the row count (which must be all 1,000 rows). */
  private String whoWrote(Map<String, String> options, String table) {
    List<Row> who = spark.read().format("jdbc").options(options)
        .option("query", "select current_user as who, count(*) as n from " + table)
        .load().collectAsList();
    assertThat(who).hasSize(1);
    assertThat(who.get(0).getLong(1)).isEqualTo(1_000);
    return who.get(0).getString(0);
  }

  private static void assertNotLogged(String secret) throws Exception {
    String log = Files.readString(Path.of("target/spark-tests.log"));
    assertThat(log).as("the test log").contains("SparkContext").doesNotContain(secret);
  }

  /** What the SQL tab shows of each query: descriptions, the plan text and the plan graph. */
  private static final class PlanCapture extends SparkListener {
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();

    @Override
    public void onOtherEvent(SparkListenerEvent event) {
      if (event instanceof SparkListenerSQLExecutionStart start) {
        StringBuilder text = new StringBuilder()
            .append(start.description()).append('\n').append(start.details()).append('\n')
            .append(start.physicalPlanDescription()).append('\n')
            .append(start.modifiedConfigs()).append('\n');
        append(start.sparkPlanInfo(), text);
        seen.add(text.toString());
      }
    }

    private static void append(SparkPlanInfo node, StringBuilder text) {
      text.append(node.simpleString()).append(' ').append(node.metadata()).append('\n');
      CollectionConverters.asJava(node.children()).forEach(child -> append(child, text));
    }

    String text() {
      return String.join("\n", seen);
    }
  }
}
