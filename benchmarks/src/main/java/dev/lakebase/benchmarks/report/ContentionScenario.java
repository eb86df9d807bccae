package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * Scenario 4: connect latency distribution at 1, 8 and 64 threads while tokens cross refresh
 * boundaries, against a credential that never expires; and mints per refresh.
 */
final class ContentionScenario extends Scenario {

  static final String BASELINE = "steady";
  static final int TARGET_THREADS = 64;
  private static final List<String> ORDER = List.of(BASELINE, "background", "herd");
  private static final Map<String, String> LABELS = Map.of(
      BASELINE, "1 h tokens, no refresh in the run (baseline)",
      "background", "500 ms tokens, background refresh",
      "herd", "500 ms tokens, expire under load (herd)");

  ContentionScenario() {
    super("credential-contention", "4. Credential contention across refresh boundaries",
        "CredentialContentionBenchmark");
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    List<JmhResult> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingInt(JmhResult::threads)
        .thenComparingInt(r -> ORDER.indexOf(r.param("credential"))));
    String unit = sorted.get(0).unit();
    MarkdownTable table = new MarkdownTable("threads", "credential", "mean", "p50", "p99",
        "p99.9", "max", "p50 vs baseline", "p99 vs baseline", "mints", "mints per refresh");
    List<TargetCheck> targets = new ArrayList<>();
    for (JmhResult r : sorted) {
      Optional<JmhResult> baseline = sorted.stream()
          .filter(b -> b.threads() == r.threads() && b.param("credential").equals(BASELINE))
          .findFirst();
      boolean isBaseline = r.param("credential").equals(BASELINE);
      String p50 = isBaseline ? "baseline" : baseline.map(b -> Numbers.ratio(
          r.percentile(50) / b.percentile(50)) + "×").orElse("n/a");
      String p99 = isBaseline ? "baseline" : baseline.map(b -> Numbers.ratio(
          r.percentile(99) / b.percentile(99)) + "×").orElse("n/a");
      ExtraSet.Extra extra = extras.of(r);
      long mints = extra.counter("mints");
      long refreshes = mints - extra.counter("redundantMints");
      String perRefresh = isBaseline ? "— (no refresh due)"
          : refreshes > 0 ? Numbers.ratio((double) mints / refreshes)
          : "n/a (no mint recorded)";
      table.row(r.threads(), LABELS.getOrDefault(r.param("credential"), r.param("credential")),
          Numbers.format(r.score()), Numbers.format(r.percentile(50)),
          Numbers.format(r.percentile(99)), Numbers.format(r.percentile(99.9)),
          Numbers.format(r.percentile(100)), p50, p99, mints, perRefresh);
      if (!isBaseline && r.threads() == TARGET_THREADS) {
        targets.add(new TargetCheck("exactly 1 mint per refresh at " + TARGET_THREADS
            + " threads (" + LABELS.get(r.param("credential")) + ")",
            refreshes > 0 ? mints + " mints for " + refreshes + " refreshes" : "no mint recorded",
            refreshes > 0 && mints == refreshes));
      }
    }
    String text = "Threads open connections through `LakebaseDataSource` over the stub driver"
        + " (so the credential path is what is measured) and close them at once. A mint takes"
        + " 20 ms. The baseline's tokens live 1 h; the others' live 500 ms: `background` keeps"
        + " the default refresh timing (refresh at half life, in the background), `herd` sets"
        + " `refreshAhead` below the minimum validity so that every token runs out under load"
        + " and all threads wait for the same mint. Latencies in " + unit + " (JMH SampleTime). A mint"
        + " counts as redundant when it starts while another is running or while the newest"
        + " token still has more than 3/4 of its life; mints per refresh = mints / (mints −"
        + " redundant), over the measurement iterations.\n\n" + table;
    return new Section(text, Optional.of(chart(sorted, unit)), targets);
  }

  private CategoryChart chart(List<JmhResult> sorted, String unit) {
    CategoryChart chart = Charts.bars(title(), "connect latency (" + unit
        + ", log scale, lower is better)");
    chart.getStyler().setYAxisLogarithmic(true);
    chart.getStyler().setLabelsVisible(false);
    List<Integer> threads = sorted.stream().map(JmhResult::threads).distinct().toList();
    // Bars start at zero unless told otherwise, which a log axis cannot show.
    double smallest = sorted.stream().mapToDouble(r -> r.percentile(50)).filter(v -> v > 0)
        .min().orElse(1);
    chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest))));
    for (String credential : ORDER) {
      List<String> categories = new ArrayList<>();
      List<Double> values = new ArrayList<>();
      for (int t : threads) {
        sorted.stream()
            .filter(r -> r.threads() == t && r.param("credential").equals(credential))
            .findFirst()
            .ifPresent(r -> {
              categories.add(t + " thr p50");
              values.add(r.percentile(50));
              categories.add(t + " thr p99");
              values.add(r.percentile(99));
            });
      }
      if (!categories.isEmpty()) {
        Charts.addSeries(chart, LABELS.get(credential), categories, values);
      }
    }
    return chart;
  }
}
