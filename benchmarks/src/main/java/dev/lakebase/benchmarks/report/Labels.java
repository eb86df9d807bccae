package dev.lakebase.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Display names of the benchmarks' parameter values. */
final class Labels {

  private static final Map<String, String> POOLS = Map.of(
      "hikari", "HikariCP",
      "vibur", "Vibur DBCP");
  private static final Map<String, String> SOURCES = Map.of(
      "bare", "bare stub",
      "sdk", "SDK (raw pool over LakebaseDataSource)",
      "lakebase-pool", "SDK (lakebase-pool factory)");

  private Labels() {}

  static String pool(String value) {
    return POOLS.getOrDefault(value, value);
  }

  static String source(String value) {
    return SOURCES.getOrDefault(value, value);
  }

  static String shortSource(String value) {
    return switch (value) {
      case "bare" -> "bare";
      case "sdk" -> "SDK";
      default -> value;
    };
  }

  /**
   * Results of the pool benchmarks in the order the report lists them: by pool, then the bare
   * baseline, the SDK under a raw pool, the pool module.
   */
  static List<JmhResult> byPoolThenSource(List<JmhResult> results) {
    List<String> sources = List.of("bare", "sdk", "lakebase-pool");
    return results.stream()
        .sorted(Comparator.comparing((JmhResult r) -> r.param("pool"))
            .thenComparingInt(r -> sources.indexOf(r.param("source"))))
        .toList();
  }
}
