package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.SparkPlanInfo;
import org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart;
import org.junit.jupiter.api.Test;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Option names that carry secrets are redacted by Spark itself: the SQL tab of the Spark UI shows
 * a write's options through {@code spark.redaction.regex} ({@code (?i)secret|password|token|...})
 * and {@code spark.sql.redaction.options.regex} ({@code (?i)url}). This test writes and reads with
 * the option names the module's README documents for secrets and checks what Spark's SQL
 * listener events (what the UI renders) and the whole log (at INFO, ours at DEBUG) contain.
 */
@EmulatedLakebase
class SecretsStayOutOfSparkTest {

  // Not real credentials: markers to search for.
  private static final String CLIENT_SECRET = "m2m-secret-7f3a91c2";
  private static final String WORKSPACE_TOKEN = "dapi-marker-0c5be8d4";
  private static final String URL_SECRET = "in-url-secret-9d2e";
  private static final String VISIBLE = "visible-marker-4b1d";

  private final LakebaseEmulator emulator;
  private final SparkSession spark = SparkSupport.spark();

  SecretsStayOutOfSparkTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @Test
  void secretOptionsAreRedactedInTheSqlUiAndNeverLogged() throws Exception {
    PlanCapture plans = new PlanCapture();
    spark.sparkContext().addSparkListener(plans);
    try {
      Map<String, String> options = SparkSupport.lakebaseOptions(emulator);
      options.put("url", options.get("url") + "?connectBudget=20s&databricksClientSecret="
          + URL_SECRET);
      options.put("databricksClientSecret", CLIENT_SECRET);
      options.put("databricksToken", WORKSPACE_TOKEN);
      options.put("applicationName", VISIBLE);

      SparkSupport.rows(100, 2, Duration.ZERO).write().format("jdbc").options(options)
          .option("dbtable", "redaction_check").mode(SaveMode.Overwrite).save();
      long read = spark.read().format("jdbc").options(options).option("dbtable", "redaction_check")
          .load().count();
      assertThat(read).isEqualTo(100);

      await().atMost(Duration.ofSeconds(30)).until(() -> plans.text().contains(VISIBLE));
      String ui = plans.text();
      // The capture sees the options (the non-secret one is there) ...
      // (Spark prints the options' names in lower case.)
      assertThat(ui).contains("applicationname=" + VISIBLE);
      // ... and Spark redacted the ones whose names say secret/token, and the whole URL.
      assertThat(ui).doesNotContain(CLIENT_SECRET, WORKSPACE_TOKEN, URL_SECRET)
          .contains("databricksclientsecret=*********(redacted)")
          .contains("databrickstoken=*********(redacted)")
          .contains("url=*********(redacted)");

      String log = Files.readString(Path.of("target/spark-tests.log"));
      assertThat(log).contains("redaction_check");
      assertThat(log).doesNotContain(CLIENT_SECRET, WORKSPACE_TOKEN, URL_SECRET);
      for (String token : emulator.counters().mintedTokens()) {
        assertThat(log).doesNotContain(token);
        assertThat(ui).doesNotContain(token);
      }
    } finally {
      spark.sparkContext().removeSparkListener(plans);
    }
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
