package dev.lakebase.benchmarks.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Metrics JMH cannot carry in the modes some benchmarks need (counters and per-borrow samples in
 * {@code SampleTime} and {@code SingleShotTime}): each benchmark fork writes them at the end of
 * its trial as a small JSON file next to the JMH results, and the renderer merges them (counters
 * summed, samples pooled) with the JMH result of the same benchmark and parameters.
 */
public final class ExtraMetrics {

  /** System property naming the directory to write to; {@code run.sh} sets it. */
  public static final String DIRECTORY_PROPERTY = "lakebase.bench.extras";

  private static final ObjectMapper JSON = new ObjectMapper();

  private ExtraMetrics() {}

  /**
   * Writes one fork's metrics, or nothing when {@link #DIRECTORY_PROPERTY} is not set (a plain
   * {@code java -jar benchmarks.jar} run).
   *
   * @param params the benchmark and its parameters, as JMH reports them
   * @param counters counts to sum across forks
   * @param samples observations to pool across forks
   */
  public static void write(BenchmarkParams params, Map<String, Long> counters,
      Map<String, List<Double>> samples) {
    String dir = System.getProperty(DIRECTORY_PROPERTY);
    if (dir == null || dir.isBlank()) {
      System.err.println("(" + DIRECTORY_PROPERTY + " is not set: extra metrics of "
          + params.getBenchmark() + " are not recorded)");
      return;
    }
    Map<String, String> paramValues = new LinkedHashMap<>();
    for (String key : params.getParamsKeys()) {
      paramValues.put(key, params.getParam(key));
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("benchmark", params.getBenchmark());
    record.put("params", paramValues);
    record.put("counters", counters);
    record.put("samples", samples);
    try {
      Path directory = Files.createDirectories(Path.of(dir));
      JSON.writeValue(directory.resolve("extra-" + UUID.randomUUID() + ".json").toFile(), record);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write extra metrics to " + dir, e);
    }
  }
}
