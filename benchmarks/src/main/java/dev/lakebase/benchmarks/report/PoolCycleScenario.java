package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * Scenarios 1 and 2 (connection cycle, statement cycle): throughput of each pool over the bare
 * stub and over the SDK, and the ratio SDK/bare per pool.
 */
final class PoolCycleScenario extends Scenario {

  private final String description;
  private final Optional<Double> minimumRatio;

  /**
   * Creates the scenario.
   *
   * @param id chart file name
   * @param title heading
   * @param benchmarkClass benchmark class
   * @param description what is measured, one paragraph
   * @param minimumRatio the design target for SDK/bare, if this scenario has one
   */
  PoolCycleScenario(String id, String title, String benchmarkClass, String description,
      Optional<Double> minimumRatio) {
    super(id, title, benchmarkClass);
    this.description = description;
    this.minimumRatio = minimumRatio;
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    List<JmhResult> sorted = Labels.byPoolThenSource(results).stream()
        .sorted(Comparator.comparing((JmhResult r) -> r.param("pool"))
            .thenComparing(Comparator.comparingInt(JmhResult::threads).reversed()))
        .toList();
    int targetThreads = sorted.stream().mapToInt(JmhResult::threads).max().orElse(0);
    String unit = sorted.get(0).unit();
    MarkdownTable table = new MarkdownTable("pool", "threads", "under the pool",
        "throughput (" + unit + ")", "± (99.9 %)", "vs bare: ratio of means",
        "vs bare: paired by round, median (range)");
    List<TargetCheck> targets = new ArrayList<>();
    for (JmhResult r : sorted) {
      String source = r.param("source");
      Optional<JmhResult> bare = sorted.stream()
          .filter(b -> b.param("source").equals("bare") && sameCell(b, r)).findFirst();
      String ratioOfMeans = "n/a (no bare result)";
      String paired = "n/a";
      if (source.equals("bare")) {
        ratioOfMeans = "baseline";
        paired = "baseline";
      } else if (bare.isPresent()) {
        Ratio ratio = Ratio.of(r.score(), r.scoreError(), bare.get().score(),
            bare.get().scoreError());
        Optional<PairedRatio> byRound = PairedRatio.of(r, bare.get());
        ratioOfMeans = ratio.toString();
        paired = byRound.map(PairedRatio::toString).orElse("n/a (fewer than "
            + PairedRatio.MIN_ROUNDS + " rounds)");
        if (r.threads() == targetThreads) {
          minimumRatio.ifPresent(min -> targets.add(target(r, min, ratio, byRound)));
        }
      }
      table.row(Labels.pool(r.param("pool")), r.threads(), Labels.source(source),
          Numbers.format(r.score()), Numbers.format(r.scoreError()), ratioOfMeans, paired);
    }
    return new Section(description + "\n\n" + table, Optional.of(chart(sorted, unit)), targets);
  }

  /** The verdict uses the paired ratio when there are rounds: it resists a shared machine. */
  private TargetCheck target(JmhResult r, double min, Ratio ratio, Optional<PairedRatio> paired) {
    double value = paired.map(PairedRatio::median).orElse(ratio.value());
    String how = paired.isPresent() ? "paired median " : "ratio of means ";
    return new TargetCheck(title() + ": " + Labels.source(r.param("source")) + " / bare ≥ " + min
        + " (" + Labels.pool(r.param("pool")) + ", " + r.threads() + " threads)",
        how + Numbers.ratio(value) + " (margin " + signed(value - min) + ")", value >= min);
  }

  private CategoryChart chart(List<JmhResult> sorted, String unit) {
    CategoryChart chart = Charts.bars(title(), "throughput (" + unit + ", higher is better)");
    List<JmhResult> cells = sorted.stream().filter(r -> r.param("source").equals("bare"))
        .toList();
    for (String source : sorted.stream().map(r -> r.param("source")).distinct().toList()) {
      List<String> categories = new ArrayList<>();
      List<Double> scores = new ArrayList<>();
      List<Double> errors = new ArrayList<>();
      for (JmhResult cell : cells) {
        sorted.stream().filter(r -> r.param("source").equals(source) && sameCell(r, cell))
            .findFirst().ifPresent(r -> {
              categories.add(Labels.pool(r.param("pool")) + ", " + r.threads() + " thr");
              scores.add(r.score());
              errors.add(Double.isNaN(r.scoreError()) ? 0 : r.scoreError());
            });
      }
      chart.addSeries(Labels.source(source), categories, scores, errors);
    }
    return chart;
  }

  private static boolean sameCell(JmhResult a, JmhResult b) {
    return a.param("pool").equals(b.param("pool")) && a.threads() == b.threads();
  }

  static String signed(double x) {
    return (x >= 0 ? "+" : "") + Numbers.ratio(x);
  }
}
