package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;

/**
 * Scenarios 7 and 8 (R2DBC): one SDK variant against its bare baseline measured in the same run,
 * with a design target on the ratio. A variant is a benchmark method (physical connect) or the
 * value of the {@code source} parameter (pooled queries).
 */
final class R2dbcScenario extends Scenario {

  private final String description;
  private final Function<JmhResult, String> variant;
  private final String baseline;
  private final String candidate;
  private final Map<String, String> labels;
  private final double target;
  private final boolean lowerIsBetter;
  private final String chartAxis;
  /** The variant whose extra samples {@code pairRatio} give tightly paired ratios. */
  private final String pairVariant;

  private R2dbcScenario(String id, String title, String benchmarkClass, String description,
      Function<JmhResult, String> variant, String baseline, String candidate,
      Map<String, String> labels, double target, boolean lowerIsBetter, String chartAxis,
      String pairVariant) {
    super(id, title, benchmarkClass);
    this.description = description;
    this.variant = variant;
    this.baseline = baseline;
    this.candidate = candidate;
    this.labels = labels;
    this.target = target;
    this.lowerIsBetter = lowerIsBetter;
    this.chartAxis = chartAxis;
    this.pairVariant = pairVariant;
  }

  /** Scenario 7: physical R2DBC connect, Lakebase factory / r2dbc-postgresql static password. */
  static R2dbcScenario connect() {
    return new R2dbcScenario("r2dbc-connect", "7. R2DBC physical connect cost (emulator, TLS)",
        "R2dbcConnectBenchmark",
        "One physical R2DBC connect and close against the emulator's endpoint (TCP, TLS with SNI,"
            + " token check, PostgreSQL backend start), single thread blocking on the `Mono`. The"
            + " baseline is bare r2dbc-postgresql with a token minted once at setup.",
        JmhResult::method, "r2dbcStaticPassword", "lakebaseCachedCredential",
        Map.of("r2dbcStaticPassword", "r2dbc-postgresql, static password (baseline)",
            "lakebaseCachedCredential", "LakebaseConnectionFactory, cached credential"),
        1.05, true, "time per connect + close", "alternatingPair");
  }

  /** Scenario 8: pooled R2DBC query throughput, Lakebase pool / bare r2dbc-pool. */
  static R2dbcScenario pool() {
    return new R2dbcScenario("r2dbc-pool", "8. R2DBC pooled query throughput (emulator)",
        "R2dbcPoolQueryBenchmark",
        "8 threads acquire a connection from an r2dbc-pool of 8, run `SELECT 1` over TLS against"
            + " the emulator and release it. Baseline: r2dbc-pool with its defaults over bare"
            + " r2dbc-postgresql; SDK: `LakebaseConnectionPools` (Lakebase defaults) over"
            + " `LakebaseConnectionFactory`.",
        r -> r.param("source"), "bare", "sdk",
        Map.of("bare", "bare r2dbc-pool (baseline)", "sdk", "Lakebase r2dbc-pool"),
        0.98, false, "queries", "pair");
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    Optional<JmhResult> base = find(results, baseline);
    String unit = results.get(0).unit();
    MarkdownTable table = new MarkdownTable("variant",
        (lowerIsBetter ? "time (" : "throughput (") + unit + ")", "± (99.9 %)",
        "vs baseline: ratio of means", "vs baseline: paired by round, median (range)",
        "SDK attempts retried (whole trial)");
    CategoryChart chart = Charts.bars(title(), chartAxis + " (" + unit + ", "
        + (lowerIsBetter ? "lower" : "higher") + " is better)");
    List<String> categories = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    List<TargetCheck> targets = new ArrayList<>();
    for (String name : List.of(baseline, candidate)) {
      Optional<JmhResult> found = find(results, name);
      if (found.isEmpty()) {
        continue;
      }
      JmhResult r = found.get();
      String ratioOfMeans = "baseline";
      String paired = "baseline";
      if (name.equals(candidate)) {
        if (base.isEmpty()) {
          ratioOfMeans = "n/a (no baseline result)";
          paired = "n/a";
        } else {
          Ratio ratio = Ratio.of(r.score(), r.scoreError(), base.get().score(),
              base.get().scoreError());
          Optional<PairedRatio> byRound = PairedRatio.of(r, base.get());
          ratioOfMeans = ratio + "×";
          paired = byRound.map(p -> p + "×").orElse("n/a (fewer than "
              + PairedRatio.MIN_ROUNDS + " rounds)");
          Optional<Double> alternating = alternatingMedian(results, extras);
          double value = alternating.orElse(byRound.map(PairedRatio::median)
              .orElse(ratio.value()));
          String how = alternating.isPresent() ? "alternating pairs, median "
              : byRound.isPresent() ? "paired median " : "ratio of means ";
          boolean met = lowerIsBetter ? value <= target : value >= target;
          targets.add(new TargetCheck(title() + ": SDK / baseline " + (lowerIsBetter ? "≤ " : "≥ ")
              + target, how + Numbers.ratio(value) + " (margin " + PoolCycleScenario.signed(
                  lowerIsBetter ? target - value : value - target) + ")", met));
        }
      }
      table.row(labels.get(name), Numbers.format(r.score()), Numbers.format(r.scoreError()),
          ratioOfMeans, paired,
          name.equals(candidate) ? PhysicalConnectScenario.retried(extras.of(r)) : "—");
      categories.add(labels.get(name));
      scores.add(r.score());
      errors.add(Double.isNaN(r.scoreError()) ? 0 : r.scoreError());
    }
    chart.addSeries(chartAxis, categories, scores, errors);
    chart.getStyler().setLegendVisible(false);
    String pairs = alternatingSamples(results, extras).map(samples -> "\n\nAlternating pairs"
        + " (one operation on each side, the first alternating, times summed per iteration, in one"
        + " fork): SDK / baseline per measurement iteration, median " + Numbers.ratio(median(samples))
        + " (range " + Numbers.ratio(samples.stream().mapToDouble(d -> d).min().orElse(0))
        + "–" + Numbers.ratio(samples.stream().mapToDouble(d -> d).max().orElse(0)) + ", "
        + samples.size() + " iterations). It decides the design target: both sides see the same"
        + " load within milliseconds.\n").orElse("");
    return new Section(description + "\n\n" + table + pairs, Optional.of(chart), targets);
  }

  private Optional<List<Double>> alternatingSamples(List<JmhResult> results, ExtraSet extras) {
    return results.stream().filter(r -> pairVariant.equals(variant.apply(r))).findFirst()
        .map(r -> extras.of(r).samples("pairRatio")).filter(s -> !s.isEmpty());
  }

  private Optional<Double> alternatingMedian(List<JmhResult> results, ExtraSet extras) {
    return alternatingSamples(results, extras).map(R2dbcScenario::median);
  }

  private static double median(List<Double> samples) {
    List<Double> sorted = samples.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private Optional<JmhResult> find(List<JmhResult> results, String name) {
    return results.stream().filter(r -> name.equals(variant.apply(r))).findFirst();
  }
}
