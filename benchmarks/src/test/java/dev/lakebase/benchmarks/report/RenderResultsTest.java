package dev.lakebase.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders hand-made JMH results and checks the ratios, target verdicts and charts. */
class RenderResultsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PKG = "dev.lakebase.benchmarks.";

  @TempDir
  Path dir;

  @Test
  void ratiosAgainstTheBaselineOfTheSameRunDecideTheTargets() throws IOException {
    // HikariCP in three interleaved rounds (one fork each, as run.sh full writes them); the
    // second round ran while the machine was busy, for both sides.
    Map<String, String> hikariBare = Map.of("pool", "hikari", "source", "bare");
    Map<String, String> hikariSdk = Map.of("pool", "hikari", "source", "sdk");
    double[][] rounds = {{1000, 990}, {600, 594}, {1000, 1000}};
    for (int i = 0; i < rounds.length; i++) {
      write("connection-cycle-" + (i + 1) + "-bare.json",
          throughput("ConnectionCycleBenchmark.cycle", hikariBare, rounds[i][0], Double.NaN));
      write("connection-cycle-" + (i + 1) + "-sdk.json",
          throughput("ConnectionCycleBenchmark.cycle", hikariSdk, rounds[i][1], Double.NaN));
    }
    // Vibur in one run: only the ratio of means is known.
    write("connection-cycle-vibur.json",
        throughput("ConnectionCycleBenchmark.cycle", Map.of("pool", "vibur", "source", "bare"),
            500, 5),
        throughput("ConnectionCycleBenchmark.cycle", Map.of("pool", "vibur", "source", "sdk"),
            450, 5));

    List<Path> written = RenderResults.render(dir);

    String md = Files.readString(dir.resolve("RESULTS.md"));
    // Paired by round: 0.99, 0.99, 1.00; the means (867 vs 861) give 0.994.
    assertThat(md).contains("| HikariCP | 8 | SDK (raw pool over LakebaseDataSource) | 861 |");
    assertThat(md).contains("| 0.990 (0.990–1.000, 3 rounds) |");
    assertThat(md).contains("/ bare ≥ 0.98 (HikariCP, 8 threads) | paired median 0.990"
        + " (margin +0.010) | yes |");
    // 450/500 with both errors propagated: 0.9 * hypot(5/450, 5/500) = 0.013
    assertThat(md).contains("| Vibur DBCP | 8 | SDK (raw pool over LakebaseDataSource) | 450 |"
        + " 5.00 | 0.900 ± 0.013 | n/a (fewer than 3 rounds) |");
    assertThat(md).contains("/ bare ≥ 0.98 (Vibur DBCP, 8 threads) | ratio of means 0.900"
        + " (margin -0.080) | **NO** |");
    assertThat(written).contains(dir.resolve("connection-cycle.png"));
    assertIsPng(dir.resolve("connection-cycle.png"));
    assertThat(dir.resolve("statement-cycle.png")).doesNotExist();
  }

  @Test
  void mintsPerRefreshComeFromTheExtraMetricsOfEachFork() throws IOException {
    Map<String, String> herd = Map.of("credential", "herd");
    Map<String, String> background = Map.of("credential", "background");
    write("credential-contention.json",
        sample("CredentialContentionBenchmark.threads64", Map.of("credential", "steady"), 64,
            1.0, 2.0),
        sample("CredentialContentionBenchmark.threads64", herd, 64, 1.0, 400.0),
        sample("CredentialContentionBenchmark.threads64", background, 64, 1.0, 2.0));
    // Two forks of "herd" (counters are summed), one of "background" with two redundant mints.
    extra("CredentialContentionBenchmark.threads64", herd, Map.of("mints", 6, "redundantMints", 0));
    extra("CredentialContentionBenchmark.threads64", herd, Map.of("mints", 4, "redundantMints", 0));
    extra("CredentialContentionBenchmark.threads64", background,
        Map.of("mints", 12, "redundantMints", 2));

    RenderResults.render(dir);

    String md = Files.readString(dir.resolve("RESULTS.md"));
    assertThat(md).contains("64 threads (500 ms tokens, expire under load (herd)) |"
        + " 10 mints for 10 refreshes | yes |");
    assertThat(md).contains("64 threads (500 ms tokens, background refresh) |"
        + " 12 mints for 10 refreshes | **NO** |");
    assertThat(md).contains("| 200.000× | 10 | 1.000 |");
    assertIsPng(dir.resolve("credential-contention.png"));
  }

  @Test
  void coldStartIsJudgedAgainstTheWakeDelayInItsParameter() throws IOException {
    write("cold-start.json",
        singleShot("ColdStartBenchmark.lakebase", Map.of("wake", "refuse-200ms"), 300),
        singleShot("ColdStartBenchmark.fixedBackoff", Map.of("wake", "refuse-200ms"), 2050),
        singleShot("ColdStartBenchmark.lakebase", Map.of("wake", "refuse-500ms"), 700));

    RenderResults.render(dir);

    String md = Files.readString(dir.resolve("RESULTS.md"));
    assertThat(md).contains("(refuse 200 ms) | 300 ms = delay + 100 ms (margin 50.0 ms) | yes |");
    assertThat(md).contains("(refuse 500 ms) | 700 ms = delay + 200 ms (margin -50.0 ms) | **NO** |");
    assertThat(md).contains("| refuse 200 ms | 200 | 300 | 300 | 300 | 100 | 1.500× |");
    assertIsPng(dir.resolve("cold-start.png"));
  }

  @Test
  void aDirectoryWithoutResultsOrWithAFailedScoreIsAnError() throws IOException {
    assertThatThrownBy(() -> RenderResults.render(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no JMH results");

    write("connection-cycle.json", throughput("ConnectionCycleBenchmark.cycle",
        Map.of("pool", "hikari", "source", "bare"), Double.NaN, Double.NaN));
    assertThatThrownBy(() -> RenderResults.render(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no valid score");
  }

  @Test
  void roundsOfTheSameBenchmarkAreCombinedOverAllIterations() throws IOException {
    ObjectNode round1 = singleShot("ColdStartBenchmark.lakebase", Map.of("wake", "hold-200ms"), 0);
    ((ObjectNode) round1.get("primaryMetric")).set("rawData", JSON.valueToTree(List.of(List.of(210, 230))));
    ObjectNode round2 = singleShot("ColdStartBenchmark.lakebase", Map.of("wake", "hold-200ms"), 0);
    ((ObjectNode) round2.get("primaryMetric")).set("rawData", JSON.valueToTree(List.of(List.of(250, 270))));
    write("cold-start-1.json", round1);
    write("cold-start-2.json", round2);

    RenderResults.render(dir);

    // Mean over the 4 shots, max from the second round: the rounds' own scores (0) are ignored.
    assertThat(Files.readString(dir.resolve("RESULTS.md")))
        .contains("| hold 200 ms | 200 | 240 | 240 | 270 | 40.0 | 1.200× |");
  }

  @Test
  void sampleTimeResultsCannotBeCombinedFromSeveralRuns() throws IOException {
    write("a.json", sample("CredentialContentionBenchmark.threads01", Map.of("credential",
        "steady"), 1, 1.0, 2.0));
    write("b.json", sample("CredentialContentionBenchmark.threads01", Map.of("credential",
        "steady"), 1, 1.0, 2.0));

    assertThatThrownBy(() -> RenderResults.render(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Cannot combine SampleTime results");
  }

  @Test
  void percentilesInterpolateBetweenClosestRanks() {
    List<Double> values = List.of(4.0, 1.0, 3.0, 2.0);
    assertThat(Numbers.percentile(values, 0)).isEqualTo(1.0);
    assertThat(Numbers.percentile(values, 50)).isEqualTo(2.5);
    assertThat(Numbers.percentile(values, 100)).isEqualTo(4.0);
    assertThat(Numbers.percentile(List.of(), 50)).isNaN();
  }

  private void write(String file, ObjectNode... results) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (ObjectNode r : results) {
      array.add(r);
    }
    JSON.writeValue(Files.createDirectories(dir.resolve("jmh")).resolve(file).toFile(), array);
  }

  private void extra(String benchmark, Map<String, String> params, Map<String, Integer> counters)
      throws IOException {
    Path extras = Files.createDirectories(dir.resolve("extras"));
    ObjectNode n = JSON.createObjectNode();
    n.put("benchmark", PKG + benchmark);
    n.set("params", JSON.valueToTree(params));
    n.set("counters", JSON.valueToTree(counters));
    n.set("samples", JSON.createObjectNode());
    JSON.writeValue(Files.createTempFile(extras, "extra-", ".json").toFile(), n);
  }

  private static ObjectNode throughput(String benchmark, Map<String, String> params,
      double score, double error) {
    return result(benchmark, "thrpt", 8, params, score, error, "ops/ms", Map.of());
  }

  private static ObjectNode sample(String benchmark, Map<String, String> params, int threads,
      double p50, double p99) {
    return result(benchmark, "sample", threads, params, p50, Double.NaN, "us/op",
        Map.of("50.0", p50, "99.0", p99, "99.9", p99, "100.0", p99));
  }

  private static ObjectNode singleShot(String benchmark, Map<String, String> params, double ms) {
    return result(benchmark, "ss", 1, params, ms, Double.NaN, "ms/op",
        Map.of("0.0", ms, "50.0", ms, "100.0", ms));
  }

  private static ObjectNode result(String benchmark, String mode, int threads,
      Map<String, String> params, double score, double error, String unit,
      Map<String, Double> percentiles) {
    ObjectNode n = JSON.createObjectNode();
    n.put("benchmark", PKG + benchmark);
    n.put("mode", mode);
    n.put("threads", threads);
    n.set("params", JSON.valueToTree(params));
    ObjectNode metric = n.putObject("primaryMetric");
    // JMH writes NaN as a string.
    if (Double.isNaN(score)) {
      metric.put("score", "NaN");
    } else {
      metric.put("score", score);
    }
    if (Double.isNaN(error)) {
      metric.put("scoreError", "NaN");
    } else {
      metric.put("scoreError", error);
    }
    metric.put("scoreUnit", unit);
    metric.set("scorePercentiles", JSON.valueToTree(percentiles));
    if (!mode.equals("sample") && !Double.isNaN(score)) {
      metric.set("rawData", JSON.valueToTree(List.of(List.of(score))));
    }
    return n;
  }

  private static void assertIsPng(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes.length).isGreaterThan(1000);
    assertThat(new String(bytes, 1, 3, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("PNG");
  }
}
