package dev.lakebase.examples.sparkload;

import dev.lakebase.examples.sparkload.Lineitem.Check;
import dev.lakebase.examples.sparkload.SparkLoad.Settings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows per second of the same Spark write and read over {@code jdbc:lakebase:} and over plain
 * pgjdbc with one static token, against the same emulator in the same JVM. Rounds interleave
 * the two (the order flips every round) and the ratio is the median of the per-round ratios, so
 * a noisy neighbour on a shared machine hits both sides alike. A warm-up at a tenth of the size
 * comes first. The rows are generated and cached in memory, so the timings are the JDBC work,
 * not the generator.
 */
final class Throughput {

  private static final String[] MODES = {"sdk", "pgjdbc"};

  private Throughput() {}

  static String run(SparkSession spark, Target target, Settings s) {
    Map<String, String> sdk = target.options();
    Map<String, String> pgjdbc = target.staticTokenOptions();
    Dataset<Row> rows = Lineitem.generate(spark, s.rows(), s.partitions())
        .persist(StorageLevel.MEMORY_ONLY());
    Check expected = Lineitem.check(rows);
    Settings plain = with(s, false);
    Settings rewrite = with(s, true);

    // Warm-up (not counted): JIT, Spark's code generation and both drivers' first connects.
    Settings warm = new Settings(Math.max(1, s.rows() / 10), s.partitions(), s.batchSize(),
        s.fetchSize(), true, s.master(), s.tokenLifetime(), true, 1, false);
    Dataset<Row> warmRows = Lineitem.generate(spark, warm.rows(), s.partitions());
    for (int mode = 0; mode < 2; mode++) {
      Map<String, String> options = mode == 0 ? sdk : pgjdbc;
      SparkLoad.write(warmRows, options, "bench_warmup_" + MODES[mode], warm);
      SparkLoad.timeRead(SparkLoad.read(spark, options, "bench_warmup_" + MODES[mode], warm));
    }

    // [measurement][mode][round] rows/s; the two sides of a measurement run back to back, and
    // which goes first alternates, so drift in the machine's load hits both alike.
    double[][][] rate = new double[3][2][s.rounds()];
    for (int round = 0; round < s.rounds(); round++) {
      for (int m = 0; m < 3; m++) {
        for (int i = 0; i < 2; i++) {
          int mode = (round + m + i) % 2;
          Map<String, String> options = mode == 0 ? sdk : pgjdbc;
          rate[m][mode][round] = s.rows() / switch (m) {
            case 0 -> SparkLoad.write(rows, options, "bench_plain_" + MODES[mode], plain);
            case 1 -> SparkLoad.write(rows, options, "bench_rewrite_" + MODES[mode], rewrite);
            default -> SparkLoad.timeRead(
                SparkLoad.read(spark, options, "bench_rewrite_" + MODES[mode], s));
          };
        }
      }
      System.err.printf("round %d/%d done%n", round + 1, s.rounds());
    }
    for (String mode : MODES) {
      for (String table : new String[] {"bench_plain_", "bench_rewrite_"}) {
        Check got = Lineitem.check(SparkLoad.read(spark, mode.equals("sdk") ? sdk : pgjdbc,
            table + mode, s));
        if (!got.equals(expected)) {
          throw new IllegalStateException(table + mode + " holds " + got + ", expected "
              + expected);
        }
      }
    }
    rows.unpersist();

    StringBuilder out = new StringBuilder();
    out.append(String.format("%,d rows, %d partitions, batchsize %,d, fetchsize %,d, %d rounds,"
            + " %s; every table verified (count + checksum)%n%n", s.rows(), s.partitions(),
        s.batchSize(), s.fetchSize(), s.rounds(), s.master()));
    out.append("| measurement | `jdbc:lakebase:` rows/s | pgjdbc, static token rows/s |"
        + " ratio (median of rounds, range) | ratio of best rounds |\n"
        + "|---|---:|---:|---|---:|\n");
    String[] names = {"write, `reWriteBatchedInserts=false`", "write, `reWriteBatchedInserts=true`",
        "read, partitioned"};
    for (int m = 0; m < 3; m++) {
      double[] ratios = new double[s.rounds()];
      for (int r = 0; r < s.rounds(); r++) {
        ratios[r] = rate[m][0][r] / rate[m][1][r];
      }
      out.append(String.format("| %s | %,.0f | %,.0f | %.3f (%.3f–%.3f) | %.3f |%n", names[m],
          median(rate[m][0]), median(rate[m][1]), median(ratios), min(ratios), max(ratios),
          max(rate[m][0]) / max(rate[m][1])));
    }
    double[] effect = new double[s.rounds()];
    for (int r = 0; r < s.rounds(); r++) {
      effect[r] = rate[1][0][r] / rate[0][0][r];
    }
    double[] pgEffect = new double[s.rounds()];
    for (int r = 0; r < s.rounds(); r++) {
      pgEffect[r] = rate[1][1][r] / rate[0][1][r];
    }
    out.append(String.format("%n`reWriteBatchedInserts=true` vs `false` (median of rounds):"
        + " ×%.2f over `jdbc:lakebase:`, ×%.2f over pgjdbc%n", median(effect), median(pgEffect)));
    out.append("\nrows/s per round (sdk / pgjdbc):\n");
    for (int m = 0; m < 3; m++) {
      out.append(names[m]).append(':');
      for (int r = 0; r < s.rounds(); r++) {
        out.append(String.format(" %,.0f/%,.0f", rate[m][0][r], rate[m][1][r]));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * {@code jdbc:lakebase:} write rate for several {@code batchsize} and {@code numPartitions}
   * values around the defaults (one varied at a time), with {@code reWriteBatchedInserts=true}:
   * {@code --rounds} rounds after a warm-up, the order of the settings rotating every round, the
   * median reported. A guide for tuning against a given endpoint, not a comparison.
   */
  static String sweep(SparkSession spark, Target target, Settings s) {
    Map<String, String> sdk = target.options();
    List<int[]> settings = new ArrayList<>(); // {numPartitions, batchsize}
    for (int b : new int[] {1_000, 5_000, 10_000, 50_000}) {
      settings.add(new int[] {s.partitions(), b});
    }
    for (int p : new int[] {2, 8}) {
      settings.add(new int[] {p, s.batchSize()});
    }
    Dataset<Row> rows = Lineitem.generate(spark, s.rows(), 8).persist(StorageLevel.MEMORY_ONLY());
    rows.count();
    SparkLoad.write(rows, sdk, "sweep", with(s, true));
    double[][] rate = new double[settings.size()][s.rounds()];
    for (int round = 0; round < s.rounds(); round++) {
      for (int i = 0; i < settings.size(); i++) {
        int k = (i + round) % settings.size();
        Settings one = new Settings(s.rows(), settings.get(k)[0], settings.get(k)[1],
            s.fetchSize(), true, s.master(), s.tokenLifetime(), false, 1, false);
        rate[k][round] = s.rows() / SparkLoad.write(rows, sdk, "sweep", one);
      }
      System.err.printf("round %d/%d done%n", round + 1, s.rounds());
    }
    rows.unpersist();
    StringBuilder out = new StringBuilder(String.format(
        "%,d rows, %s, reWriteBatchedInserts=true, %d rounds%n%n"
            + "| numPartitions | batchsize | rows/s (median) | range |%n|---:|---:|---:|---|%n",
        s.rows(), s.master(), s.rounds()));
    for (int k = 0; k < settings.size(); k++) {
      out.append(String.format("| %d | %,d | %,.0f | %,.0f–%,.0f |%n", settings.get(k)[0],
          settings.get(k)[1], median(rate[k]), min(rate[k]), max(rate[k])));
    }
    return out.toString();
  }

  private static Settings with(Settings s, boolean rewrite) {
    return new Settings(s.rows(), s.partitions(), s.batchSize(), s.fetchSize(), rewrite,
        s.master(), s.tokenLifetime(), s.benchmark(), s.rounds(), s.sweep());
  }

  static double median(double[] values) {
    List<Double> sorted = new ArrayList<>(Arrays.stream(values).boxed().sorted().toList());
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(double[] values) {
    return Arrays.stream(values).min().orElse(Double.NaN);
  }

  private static double max(double[] values) {
    return Arrays.stream(values).max().orElse(Double.NaN);
  }
}
