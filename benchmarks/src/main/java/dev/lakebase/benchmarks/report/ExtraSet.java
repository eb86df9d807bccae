package dev.lakebase.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The extra metrics the benchmark forks wrote (see {@code ExtraMetrics}), merged per benchmark
 * and parameters: counters summed over forks, samples pooled.
 */
public final class ExtraSet {

  /**
   * The merged metrics of one benchmark result.
   *
   * @param counters summed counters
   * @param samples pooled samples
   */
  public record Extra(Map<String, Long> counters, Map<String, List<Double>> samples) {

    /**
     * A counter.
     *
     * @param name the counter
     * @return its sum, 0 if never written
     */
    public long counter(String name) {
      return counters.getOrDefault(name, 0L);
    }

    /**
     * The sum of the counters whose names start with a prefix.
     *
     * @param prefix e.g. {@code attempts.RETRYING.}
     * @return the sum, 0 if none was written
     */
    public long sumOf(String prefix) {
      return counters.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
          .mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * Pooled samples.
     *
     * @param name the sample series
     * @return the samples, empty if never written
     */
    public List<Double> samples(String name) {
      return samples.getOrDefault(name, List.of());
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Extra NONE = new Extra(Map.of(), Map.of());

  private final Map<String, Extra> byKey;

  private ExtraSet(Map<String, Extra> byKey) {
    this.byKey = byKey;
  }

  /**
   * Reads every {@code *.json} file below a directory.
   *
   * @param dir the directory; a missing one means no extras
   * @return the merged metrics
   * @throws IOException if a file cannot be read
   */
  public static ExtraSet read(Path dir) throws IOException {
    Map<String, Map<String, Long>> counters = new HashMap<>();
    Map<String, Map<String, List<Double>>> samples = new HashMap<>();
    if (Files.isDirectory(dir)) {
      List<Path> files;
      try (Stream<Path> s = Files.walk(dir)) {
        files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
      }
      for (Path f : files) {
        JsonNode n = JSON.readTree(f.toFile());
        Map<String, String> params = new TreeMap<>();
        n.path("params").properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
        String key = key(n.path("benchmark").asText(), params);
        Map<String, Long> c = counters.computeIfAbsent(key, k -> new TreeMap<>());
        n.path("counters").properties().forEach(
            e -> c.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        Map<String, List<Double>> s = samples.computeIfAbsent(key, k -> new TreeMap<>());
        n.path("samples").properties().forEach(e -> {
          List<Double> into = s.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
          e.getValue().forEach(v -> into.add(v.asDouble()));
        });
      }
    }
    Map<String, Extra> merged = new HashMap<>();
    counters.forEach((k, c) -> merged.put(k, new Extra(c, samples.get(k))));
    return new ExtraSet(merged);
  }

  /**
   * The metrics written for a result.
   *
   * @param result the JMH result
   * @return its extra metrics, empty if none were written
   */
  public Extra of(JmhResult result) {
    return byKey.getOrDefault(key(result.benchmark(), new TreeMap<>(result.params())), NONE);
  }

  private static String key(String benchmark, Map<String, String> sortedParams) {
    return benchmark + sortedParams;
  }
}
