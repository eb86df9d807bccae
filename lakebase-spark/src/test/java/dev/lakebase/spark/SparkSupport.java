package dev.lakebase.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * One Spark session for the module's tests (local mode: 4 executor threads, a task may be tried
 * twice), the {@code jdbc:lakebase:} options that reach an emulator, and small test data.
 */
final class SparkSupport {

  /** The emulators' default endpoint. */
  static final String ENDPOINT = "projects/demo/branches/main/endpoints/primary";
  static final String LAKEBASE_DRIVER = "dev.lakebase.jdbc.LakebaseDriver";

  private static SparkSession spark;
  private static final TaskOutcomes OUTCOMES = new TaskOutcomes();
  private static final Map<String, String> PROFILES = new ConcurrentHashMap<>();

  private SparkSupport() {}

  /** The shared session; Spark stops it at JVM exit. */
  static synchronized SparkSession spark() {
    if (spark == null) {
      spark = SparkSession.builder()
          .master("local[4,2]")
          .appName("lakebase-spark-tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "4")
          .config("spark.sql.session.timeZone", "UTC")
          .getOrCreate();
      spark.sparkContext().addSparkListener(OUTCOMES);
    }
    return spark;
  }

  /** Task and job outcomes of the shared session, seen by a listener. */
  static TaskOutcomes outcomes() {
    spark();
    return OUTCOMES;
  }

  /**
   * The Spark options that connect {@code jdbc:lakebase:} to this emulator's default endpoint
   * through the public driver surface only: the driver's workspace client authenticates with the
   * emulator's PAT ({@code databricksHost}, {@code databricksToken}), host names resolve through
   * the emulator's DNS ({@code hostResolver}).
   */
  static Map<String, String> lakebaseOptions(LakebaseEmulator emulator) {
    Map<String, String> options = connectionOptions(emulator);
    options.put("databricksHost", emulator.workspaceUrl());
    options.put("databricksAuthType", "pat");
    options.put("databricksToken", emulator.patFor(emulator.defaultUser()));
    return options;
  }

  /** The same, authenticating as a service principal with OAuth M2M given as options. */
  static Map<String, String> m2mOptions(LakebaseEmulator emulator, String clientId,
      String clientSecret) {
    Map<String, String> options = connectionOptions(emulator);
    options.put("databricksHost", emulator.workspaceUrl());
    options.put("databricksAuthType", "oauth-m2m");
    options.put("databricksClientId", clientId);
    options.put("databricksClientSecret", clientSecret);
    return options;
  }

  /** The same, authenticating from a profile of the file named by DATABRICKS_CONFIG_FILE. */
  static Map<String, String> profileOptions(LakebaseEmulator emulator, String profile) {
    Map<String, String> options = connectionOptions(emulator);
    options.put("databricksProfile", profile);
    return options;
  }

  private static Map<String, String> connectionOptions(LakebaseEmulator emulator) {
    EmulatorHosts.emulator = emulator;
    Map<String, String> options = new LinkedHashMap<>();
    options.put("url", "jdbc:lakebase:" + ENDPOINT);
    options.put("driver", LAKEBASE_DRIVER);
    options.put("port", String.valueOf(emulator.port()));
    options.put("hostResolver", EmulatorHosts.class.getName());
    return options;
  }

  /**
   * Plain pgjdbc to the same endpoint with one static password, the way a job that mints once
   * at its start hands the token to every executor. No SNI to 127.0.0.1, so the endpoint is named
   * by Neon's {@code options=endpoint=} convention, which the emulator's proxy routes by.
   */
  static Map<String, String> pgjdbcOptions(LakebaseEmulator emulator, String password) {
    String host = emulator.defaultEndpoint().host();
    String endpointId = host.substring(0, host.indexOf('.'));
    Map<String, String> options = new LinkedHashMap<>();
    options.put("url", "jdbc:postgresql://127.0.0.1:" + emulator.port() + "/" + emulator.database()
        + "?sslmode=require&options="
        + URLEncoder.encode("endpoint=" + endpointId, StandardCharsets.UTF_8));
    options.put("driver", "org.postgresql.Driver");
    options.put("user", emulator.defaultUser());
    options.put("password", password);
    return options;
  }

  /**
   * Writes a profile that authenticates as a service principal with OAuth M2M into the file
   * named by DATABRICKS_CONFIG_FILE (one profile per emulator, so several fit in one JVM).
   *
   * @return the profile's name
   */
  static synchronized String m2mProfileFor(LakebaseEmulator emulator, String clientId,
      String clientSecret) {
    String name = "spark-test-m2m-" + emulator.workspaceUrl().replaceAll("\\D", "");
    if (PROFILES.putIfAbsent(name, "[" + name + "]\nhost = " + emulator.workspaceUrl()
        + "\nclient_id = " + clientId + "\nclient_secret = " + clientSecret + "\n") == null) {
      String file = System.getenv("DATABRICKS_CONFIG_FILE");
      if (file == null || file.isBlank()) {
        throw new IllegalStateException("DATABRICKS_CONFIG_FILE is set by the surefire configuration");
      }
      try {
        Files.writeString(Path.of(file), String.join("\n", PROFILES.values()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return name;
  }

  /**
   * {@code n} rows (id, grp, amount decimal(12,2), note) in {@code partitions} partitions; each
   * partition first waits {@code pause}, which spreads the connects of a write over time.
   */
  static Dataset<Row> rows(long n, int partitions, Duration pause) {
    Dataset<Row> rows = spark().range(0, n, 1, partitions).select(
        col("id"),
        col("id").mod(97).cast(DataTypes.IntegerType).as("grp"),
        col("id").mod(100_000).divide(100).cast(DataTypes.createDecimalType(12, 2)).as("amount"),
        concat(lit("row-"), col("id")).as("note"));
    if (pause.isZero()) {
      return rows;
    }
    long millis = pause.toMillis();
    return rows.mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
      Thread.sleep(millis);
      return it;
    }, Encoders.row(rows.schema()));
  }

  /** Row count and an order-independent checksum, computed in one pass. */
  record Verification(long rows, BigDecimal checksum) {}

  /**
   * Counts {@link #rows} data and sums a 64-bit hash of every row (as a decimal, so that the sum
   * cannot overflow): one job, so a JDBC source is read once.
   */
  static Verification verify(Dataset<Row> rows) {
    Row r = rows.selectExpr("count(*)",
            "sum(cast(xxhash64(id, grp, amount, note) as decimal(38,0)))")
        .first();
    return new Verification(r.getLong(0), r.getDecimal(1));
  }

  /** Resolves the emulators' host names (all of them name 127.0.0.1); named by class in URLs. */
  public static final class EmulatorHosts implements HostResolver {
    static volatile LakebaseEmulator emulator;

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      return emulator.dns().resolve(host);
    }
  }

  /** Counts task attempts and jobs of the session (listener events arrive asynchronously). */
  static final class TaskOutcomes extends SparkListener {
    final AtomicInteger jobsStarted = new AtomicInteger();
    final AtomicInteger jobsEnded = new AtomicInteger();
    final AtomicInteger tasksSucceeded = new AtomicInteger();
    final AtomicInteger tasksFailed = new AtomicInteger();
    final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

    void reset() {
      jobsStarted.set(0);
      jobsEnded.set(0);
      tasksSucceeded.set(0);
      tasksFailed.set(0);
      failures.clear();
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobsStarted.incrementAndGet();
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
      jobsEnded.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      if (taskEnd.reason() instanceof TaskFailedReason failed) {
        tasksFailed.incrementAndGet();
        failures.add(failed.toErrorString());
      } else {
        tasksSucceeded.incrementAndGet();
      }
    }
  }
}
