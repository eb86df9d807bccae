package dev.lakebase.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.util.ListStatistics;

/**
 * One benchmark result of a JMH JSON file ({@code -rf json}): one benchmark method with one set
 * of parameters.
 *
 * @param benchmark the method's fully qualified name
 * @param mode JMH's mode name ({@code thrpt}, {@code avgt}, {@code sample}, {@code ss})
 * @param threads benchmark threads
 * @param params the {@code @Param} values
 * @param score the primary score (mean for the time modes)
 * @param scoreError half-width of JMH's 99.9 % confidence interval, {@code NaN} if unknown
 * @param unit the score's unit, e.g. {@code ops/ms}
 * @param percentiles percentile (0-100) to value, for the time modes
 * @param forks every iteration's score, one list per fork (empty for {@code sample}); after
 *     {@link #mergeRounds} one per round, in the order of the files
 */
public record JmhResult(String benchmark, String mode, int threads, Map<String, String> params,
    double score, double scoreError, String unit, Map<Double, Double> percentiles,
    List<List<Double>> forks) {

  /** The percentiles JMH reports for the time modes. */
  private static final List<Double> PERCENTILES =
      List.of(0.0, 50.0, 90.0, 95.0, 99.0, 99.9, 99.99, 99.999, 99.9999, 100.0);

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads every result of a JMH JSON file.
   *
   * @param file the file
   * @return the results in file order
   * @throws IOException if the file cannot be read or is not a JMH result array
   */
  public static List<JmhResult> read(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new IOException(file + " is not a JMH JSON result file (expected an array)");
    }
    List<JmhResult> results = new ArrayList<>();
    for (JsonNode n : root) {
      JsonNode metric = n.path("primaryMetric");
      Map<String, String> params = new LinkedHashMap<>();
      n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
      Map<Double, Double> percentiles = new TreeMap<>();
      for (Map.Entry<String, JsonNode> e : metric.path("scorePercentiles").properties()) {
        percentiles.put(Double.parseDouble(e.getKey()), number(e.getValue()));
      }
      List<List<Double>> forks = new ArrayList<>();
      metric.path("rawData").forEach(fork -> {
        List<Double> iterations = new ArrayList<>();
        fork.forEach(v -> iterations.add(number(v)));
        forks.add(List.copyOf(iterations));
      });
      results.add(new JmhResult(n.path("benchmark").asText(), n.path("mode").asText(),
          n.path("threads").asInt(1), Map.copyOf(params), number(metric.path("score")),
          number(metric.path("scoreError")), metric.path("scoreUnit").asText(),
          Map.copyOf(percentiles), List.copyOf(forks)));
    }
    return results;
  }

  /**
   * Combines the results of the same benchmark and parameters from several runs ({@code run.sh}
   * runs some scenarios in rounds of one fork each, so that drift in the machine's load hits
   * every variant alike): score, error and percentiles are recomputed over all iterations, as
   * JMH computes them over forks.
   *
   * @param results results, possibly several per benchmark and parameters
   * @return one result per benchmark and parameters, in first-seen order
   * @throws IllegalStateException for repeated {@code sample} results, whose histograms cannot be
   *     combined from the JSON
   */
  public static List<JmhResult> mergeRounds(List<JmhResult> results) {
    Map<List<Object>, List<JmhResult>> byKey = new LinkedHashMap<>();
    for (JmhResult r : results) {
      byKey.computeIfAbsent(List.of(r.benchmark, r.mode, r.threads, r.params),
          k -> new ArrayList<>()).add(r);
    }
    List<JmhResult> merged = new ArrayList<>();
    for (List<JmhResult> same : byKey.values()) {
      merged.add(same.size() == 1 ? same.get(0) : combine(same));
    }
    return merged;
  }

  private static JmhResult combine(List<JmhResult> same) {
    JmhResult first = same.get(0);
    if (first.mode.equals("sample")) {
      throw new IllegalStateException("Cannot combine SampleTime results of " + first.benchmark
          + " " + first.params + " from several files: run that scenario in one JMH run");
    }
    List<List<Double>> forks = same.stream().flatMap(r -> r.forks.stream()).toList();
    List<Double> raw = forks.stream().flatMap(List::stream).toList();
    ListStatistics stats = new ListStatistics(raw.stream().mapToDouble(Double::doubleValue)
        .toArray());
    Map<Double, Double> percentiles = new TreeMap<>();
    if (!first.percentiles.isEmpty()) {
      PERCENTILES.forEach(p -> percentiles.put(p, Numbers.percentile(raw, p)));
    }
    return new JmhResult(first.benchmark, first.mode, first.threads, first.params,
        stats.getMean(), stats.getMeanErrorAt(0.999), first.unit, Map.copyOf(percentiles), forks);
  }

  /**
   * The benchmark class's simple name, e.g. {@code ConnectionCycleBenchmark}.
   *
   * @return the name
   */
  public String benchmarkClass() {
    String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
    return owner.substring(owner.lastIndexOf('.') + 1);
  }

  /**
   * The benchmark method's name.
   *
   * @return the name
   */
  public String method() {
    return benchmark.substring(benchmark.lastIndexOf('.') + 1);
  }

  /**
   * A parameter's value.
   *
   * @param key the {@code @Param} field
   * @return the value, or an empty string when the benchmark has no such parameter
   */
  public String param(String key) {
    return params.getOrDefault(key, "");
  }

  /**
   * A percentile of the score distribution (time modes only).
   *
   * @param p the percentile, e.g. {@code 99.0}
   * @return the value, {@code NaN} if JMH did not report it
   */
  public double percentile(double p) {
    return percentiles.getOrDefault(p, Double.NaN);
  }

  /** JMH writes {@code "NaN"} as a string when it cannot compute a value. */
  private static double number(JsonNode node) {
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isTextual()) {
      return Double.parseDouble(node.asText());
    }
    return Double.NaN;
  }
}
