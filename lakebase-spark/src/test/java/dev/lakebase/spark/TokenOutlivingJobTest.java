package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.lakebase.spark.SparkSupport.TaskOutcomes;
import dev.lakebase.spark.SparkSupport.Verification;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import dev.lakebase.testkit.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;

/**
 * The proof that matters: a Spark job that runs longer than a token lives. Through
 * {@code jdbc:lakebase:} every task's connect gets a currently valid token from its JVM's cache,
 * so the job completes; with plain pgjdbc and one token minted at the start (what a job that
 * hands its executors a password does), the connects after the token's expiry are refused.
 *
 * <p>Time is compressed: 10 s tokens; 32 write partitions on 4 executor threads that each wait
 * 2 s before connecting, then a 32-partition read whose sessions start with a 1 s sleep, so the
 * connects spread over about 24 s. Both parts run in one test, on one emulator.
 */
@EmulatedLakebase(shared = false, tokenLifetime = "10s")
class TokenOutlivingJobTest {

  private static final Duration TOKEN_LIFE = Duration.ofSeconds(10);
  private static final int PARTITIONS = 32;
  private static final long ROWS = 32_000;
  private static final Duration WRITE_PAUSE = Duration.ofSeconds(2);
  private static final String READ_PAUSE_SQL = "select pg_sleep(1)";

  private final LakebaseEmulator emulator;
  private final TaskOutcomes outcomes = SparkSupport.outcomes();

  TokenOutlivingJobTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @Test
  void aJobLongerThanATokensLifeCompletesOnlyThroughTheSdkDriver() {
    Verification expected = SparkSupport.verify(SparkSupport.rows(ROWS, PARTITIONS, Duration.ZERO));
    assertThat(expected.rows()).isEqualTo(ROWS);

    // 1. jdbc:lakebase: — tokens minted and refreshed per JVM, per physical connect.
    emulator.counters().reset();
    outcomes.reset();
    Verification sdk = job(SparkSupport.lakebaseOptions(emulator), "outliving_sdk");
    awaitJobsEnded();

    assertThat(sdk).isEqualTo(expected);
    assertThat(outcomes.tasksFailed.get()).as("failed tasks: %s", outcomes.failures).isZero();
    assertThat(outcomes.tasksSucceeded.get()).isGreaterThanOrEqualTo(2 * PARTITIONS);
    List<LoginRecord> logins = emulator.counters().logins().stream()
        .filter(l -> SparkSupport.ENDPOINT.equals(l.computeName())).toList();
    assertThat(logins).as("rejected logins").noneMatch(l -> !l.accepted());
    assertThat(logins).hasSizeGreaterThanOrEqualTo(2 * PARTITIONS);
    Instant firstTokenExpiry = logins.stream().map(LoginRecord::tokenExpiresAt)
        .min(Comparator.naturalOrder()).orElseThrow();
    Instant firstLogin = logins.get(0).at();
    Instant lastLogin = logins.get(logins.size() - 1).at();
    // The job really outlived its first token: it kept logging in after that token expired.
    assertThat(lastLogin).isAfter(firstTokenExpiry);
    assertThat(Duration.between(firstLogin, lastLogin)).isGreaterThan(TOKEN_LIFE);
    Map<String, Long> loginsPerToken = logins.stream()
        .collect(Collectors.groupingBy(LoginRecord::tokenFingerprint, Collectors.counting()));
    assertThat(loginsPerToken).as("distinct tokens used by accepted logins").hasSizeGreaterThan(2);
    System.out.printf("SDK job: %d task attempts, 0 failed, %d logins with %d distinct tokens"
            + " over %s (token life %s)%n", outcomes.tasksSucceeded.get(), logins.size(),
        loginsPerToken.size(), Duration.between(firstLogin, lastLogin), TOKEN_LIFE);

    // 2. plain pgjdbc with one token minted at the start, the same job.
    emulator.counters().reset();
    outcomes.reset();
    String tokenAtStart = emulator.mintToken(SparkSupport.ENDPOINT, emulator.defaultUser());
    assertThatThrownBy(() -> job(SparkSupport.pgjdbcOptions(emulator, tokenAtStart),
            "outliving_static"))
        .isInstanceOf(SparkException.class)
        .satisfies(e -> assertThat(ExceptionUtils.getThrowableList(e))
            .anySatisfy(cause -> assertThat(cause.getMessage()).contains("token has expired")));
    awaitJobsEnded();
    assertThat(outcomes.tasksFailed.get()).isPositive();
    assertThat(emulator.counters().loginsRejected(RejectReason.EXPIRED_TOKEN)).isPositive();
    System.out.printf("static-token job: failed after %d successful and %d failed task attempts;"
            + " %d logins refused with an expired token%n", outcomes.tasksSucceeded.get(),
        outcomes.tasksFailed.get(), emulator.counters().loginsRejected(RejectReason.EXPIRED_TOKEN));
  }

  /** Writes the paced rows, reads them back partitioned, and verifies them in one pass. */
  private Verification job(Map<String, String> options, String table) {
    SparkSupport.rows(ROWS, PARTITIONS, WRITE_PAUSE).write().format("jdbc").options(options)
        .option("dbtable", table)
        .option("numPartitions", PARTITIONS)
        .option("batchsize", 1000)
        .mode(SaveMode.Overwrite)
        .save();
    Dataset<Row> back = SparkSupport.spark().read().format("jdbc").options(options)
        .option("dbtable", table)
        .option("partitionColumn", "id")
        .option("lowerBound", 0)
        .option("upperBound", ROWS)
        .option("numPartitions", PARTITIONS)
        .option("sessionInitStatement", READ_PAUSE_SQL)
        .load();
    return SparkSupport.verify(back);
  }

  private void awaitJobsEnded() {
    await().atMost(Duration.ofSeconds(30)).until(
        () -> outcomes.jobsStarted.get() > 0
            && outcomes.jobsEnded.get() == outcomes.jobsStarted.get());
  }
}
