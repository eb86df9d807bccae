package dev.lakebase.examples.sparkload;

import dev.lakebase.examples.sparkload.Lineitem.Check;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes a generated TPC-H {@code lineitem}-like DataFrame into Lakebase with
 * {@code df.write().format("jdbc")} over {@code jdbc:lakebase:}, reads it back partitioned and
 * verifies row count and checksum, in Spark local mode. {@code --benchmark} instead compares its
 * throughput with plain pgjdbc and a static token, {@code --sweep} measures writes at several
 * batch sizes and partition counts ({@link Throughput}).
 *
 * <p>Start it with {@code examples/spark-load/run.sh [options]} (on the local emulator unless
 * {@code LAKEBASE_ENDPOINT} is set; this class itself needs it); options:
 * {@code --rows N} (1,000,000), {@code --partitions N} (4), {@code --batch-size N} (10,000),
 * {@code --fetch-size N} (10,000), {@code --rewrite-batched-inserts true|false} (true),
 * {@code --master local[N]} ({@code local[4]}), {@code --token-lifetime 1h} (emulator only),
 * {@code --benchmark}, {@code --rounds N} (3), {@code --sweep}.
 */
public final class SparkLoad {

  /**
   * The job's settings.
   *
   * @param rows rows to generate and write
   * @param partitions write and read partitions: each is one task and one connection at a time
   * @param batchSize rows per JDBC batch ({@code executeBatch}) on write
   * @param fetchSize rows per round trip on read
   * @param rewriteBatchedInserts pgjdbc's {@code reWriteBatchedInserts}: batches become
   *     multi-row {@code INSERT}s
   * @param master Spark master
   * @param tokenLifetime token lifetime of the local emulator
   * @param benchmark run the throughput comparison instead of one load
   * @param rounds benchmark rounds
   * @param sweep measure writes at several batch sizes and partition counts instead
   */
  record Settings(long rows, int partitions, int batchSize, int fetchSize,
      boolean rewriteBatchedInserts, String master, Duration tokenLifetime, boolean benchmark,
      int rounds, boolean sweep) {

    static Settings defaults() {
      return new Settings(1_000_000, 4, 10_000, 10_000, true, "local[4]", Duration.ofHours(1),
          false, 3, false);
    }

    static Settings parse(String[] args) {
      Map<String, String> given = new HashMap<>();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (!name.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + name + "'");
        }
        if (name.equals("--benchmark") || name.equals("--sweep")) {
          given.put(name, "true");
        } else if (i + 1 < args.length) {
          given.put(name, args[++i]);
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
      }
      Settings d = defaults();
      Settings s = new Settings(
          Long.parseLong(given.getOrDefault("--rows", String.valueOf(d.rows)).replace("_", "")),
          Integer.parseInt(given.getOrDefault("--partitions", String.valueOf(d.partitions))),
          Integer.parseInt(given.getOrDefault("--batch-size", String.valueOf(d.batchSize))),
          Integer.parseInt(given.getOrDefault("--fetch-size", String.valueOf(d.fetchSize))),
          Boolean.parseBoolean(given.getOrDefault("--rewrite-batched-inserts",
              String.valueOf(d.rewriteBatchedInserts))),
          given.getOrDefault("--master", d.master),
          parseDuration(given.getOrDefault("--token-lifetime", "1h")),
          given.containsKey("--benchmark"),
          Integer.parseInt(given.getOrDefault("--rounds", String.valueOf(d.rounds))),
          given.containsKey("--sweep"));
      given.keySet().removeAll(java.util.Set.of("--rows", "--partitions", "--batch-size",
          "--fetch-size", "--rewrite-batched-inserts", "--master", "--token-lifetime",
          "--benchmark", "--rounds", "--sweep"));
      if (!given.isEmpty()) {
        throw new IllegalArgumentException("unknown option(s) " + given.keySet());
      }
      return s;
    }

    private static Duration parseDuration(String text) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smh])")
          .matcher(text.trim().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException(
            "--token-lifetime takes e.g. 20s, 5m or 1h, not '" + text + "'");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      };
    }
  }

  /**
   * What one load did.
   *
   * @param expected count and checksum of the generated rows
   * @param readBack count and checksum of the rows read back
   * @param writeSeconds time of the write
   * @param readSeconds time of the partitioned read (rows consumed, not collected)
   */
  record Result(Check expected, Check readBack, double writeSeconds, double readSeconds) {
    boolean verified() {
      return expected.equals(readBack);
    }
  }

  private SparkLoad() {}

  /**
   * Runs the example.
   *
   * @param args see the class comment
   * @throws Exception when the target cannot be closed
   */
  public static void main(String[] args) throws Exception {
    Settings settings = Settings.parse(args);
    try (Target target = Target.fromEnvironment(System.getenv())) {
      run(settings, target);
    }
  }

  /**
   * Runs the job (a load, the benchmark or the sweep) against a target.
   *
   * @param settings the settings
   * @param target where to write and read
   */
  static void run(Settings settings, Target target) {
    SparkSession spark = session(settings.master());
    try {
      if (settings.benchmark()) {
        System.out.println(Throughput.run(spark, target, settings));
        return;
      }
      if (settings.sweep()) {
        System.out.println(Throughput.sweep(spark, target, settings));
        return;
      }
      System.out.printf("Writing %,d lineitem rows to %s: %d partitions, batchsize %,d,"
              + " reWriteBatchedInserts=%s%n", settings.rows(), target.describe(),
          settings.partitions(), settings.batchSize(), settings.rewriteBatchedInserts());
      Result r = load(spark, target.options(), "lineitem", settings);
      System.out.printf("write: %.1f s, %,.0f rows/s%n", r.writeSeconds(),
          settings.rows() / r.writeSeconds());
      System.out.printf("read:  %.1f s, %,.0f rows/s (%d partitions on l_orderkey, fetchsize"
              + " %,d)%n", r.readSeconds(), settings.rows() / r.readSeconds(),
          settings.partitions(), settings.fetchSize());
      System.out.printf("verify: %,d rows, checksum %s: %s%n", r.readBack().rows(),
          r.readBack().checksum(), r.verified() ? "OK" : "MISMATCH, expected " + r.expected());
      target.report();
      if (!r.verified()) {
        System.exit(1);
      }
    } finally {
      spark.stop();
    }
  }

  /** A local-mode session (no UI, fixed time zone so dates round-trip as written). */
  static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("lakebase-spark-load")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
  }

  /**
   * Generates, writes, reads back and verifies.
   *
   * @param spark the session
   * @param options {@code jdbc:lakebase:} (or other JDBC) options: url, driver, connection keys
   * @param table the table to (re)create
   * @param s the settings
   * @return timings and checks
   */
  static Result load(SparkSession spark, Map<String, String> options, String table, Settings s) {
    Dataset<Row> lineitem = Lineitem.generate(spark, s.rows(), s.partitions());
    Check expected = Lineitem.check(lineitem);
    double write = write(lineitem, options, table, s);
    Dataset<Row> back = read(spark, options, table, s);
    double read = timeRead(back);
    return new Result(expected, Lineitem.check(back), write, read);
  }

  /**
   * Writes the rows; returns seconds taken.
   *
   * <p>{@code numPartitions} caps the concurrent writers (Spark coalesces to it): each writing
   * task holds one connection and one transaction for its whole partition. {@code batchsize}
   * rows go per {@code executeBatch()}; with pgjdbc's {@code reWriteBatchedInserts=true} (passed
   * through the {@code jdbc:lakebase:} driver like any pgjdbc property) a batch travels as
   * multi-row {@code INSERT}s instead of one statement per row. {@code truncate=true} keeps the
   * table on overwrite ({@code TRUNCATE TABLE ONLY}, from the PostgreSQL dialect).
   */
  static double write(Dataset<Row> rows, Map<String, String> options, String table, Settings s) {
    long start = System.nanoTime();
    rows.write().format("jdbc").options(options)
        .option("dbtable", table)
        .option("numPartitions", s.partitions())
        .option("batchsize", s.batchSize())
        .option("reWriteBatchedInserts", s.rewriteBatchedInserts())
        .option("truncate", true)
        .mode(SaveMode.Overwrite)
        .save();
    return (System.nanoTime() - start) / 1e9;
  }

  /**
   * The table read back in {@code partitions} ranges of {@code l_orderkey}: Spark issues one
   * query per range ({@code WHERE l_orderkey >= a AND l_orderkey < b}), each on its own
   * connection, streaming {@code fetchsize} rows per round trip (the PostgreSQL dialect turns
   * auto-commit off for that, so pgjdbc uses a cursor instead of buffering the whole range).
   */
  static Dataset<Row> read(SparkSession spark, Map<String, String> options, String table,
      Settings s) {
    return spark.read().format("jdbc").options(options)
        .option("dbtable", table)
        .option("partitionColumn", "l_orderkey")
        .option("lowerBound", 1)
        .option("upperBound", Lineitem.maxOrderKey(s.rows()) + 1)
        .option("numPartitions", s.partitions())
        .option("fetchsize", s.fetchSize())
        .load();
  }

  /** Reads every row (Spark's no-op sink consumes them); returns seconds taken. */
  static double timeRead(Dataset<Row> rows) {
    long start = System.nanoTime();
    rows.write().format("noop").mode(SaveMode.Overwrite).save();
    return (System.nanoTime() - start) / 1e9;
  }
}
