package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * Scenario 6: a burst of 50 borrowers on a pool with 5 idle connections and 150 ms connects:
 * connections opened and borrow waits, HikariCP against Vibur.
 */
final class SpikeScenario extends Scenario {

  SpikeScenario() {
    super("spike-demand", "6. Spike demand", "SpikeDemandBenchmark");
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    List<JmhResult> sorted = Labels.byPoolThenSource(results);
    String unit = sorted.get(0).unit();
    MarkdownTable table = new MarkdownTable("pool", "under the pool", "burst (" + unit + ")",
        "connections opened per burst (mean / max)", "borrow wait p50 (ms)", "p99 (ms)",
        "max (ms)", "p99 vs HikariCP");
    CategoryChart chart = Charts.bars(title(), "borrow wait (ms, lower is better)");
    chart.getStyler().setXAxisLabelRotation(15);
    List<String> categories = new ArrayList<>();
    List<Double> p50s = new ArrayList<>();
    List<Double> p99s = new ArrayList<>();
    for (JmhResult r : sorted) {
      List<Double> waits = extras.of(r).samples("borrowWaitMs");
      List<Double> opened = extras.of(r).samples("connectionsOpened");
      double p99 = Numbers.percentile(waits, 99);
      Optional<JmhResult> hikari = sorted.stream()
          .filter(h -> h.param("pool").equals("hikari")
              && h.param("source").equals(r.param("source")))
          .findFirst();
      String vsHikari = r.param("pool").equals("hikari") ? "baseline"
          : hikari.map(h -> Numbers.ratio(
              p99 / Numbers.percentile(extras.of(h).samples("borrowWaitMs"), 99)) + "×")
              .orElse("n/a");
      table.row(Labels.pool(r.param("pool")), Labels.source(r.param("source")),
          Numbers.format(r.score()),
          String.format(Locale.ROOT, "%.1f / %.0f", Numbers.mean(opened),
              Numbers.percentile(opened, 100)),
          Numbers.format(Numbers.percentile(waits, 50)), Numbers.format(p99),
          Numbers.format(Numbers.percentile(waits, 100)), vsHikari);
      categories.add(Labels.pool(r.param("pool")) + " / " + Labels.shortSource(r.param("source")));
      p50s.add(Numbers.percentile(waits, 50));
      p99s.add(p99);
    }
    Charts.addSeries(chart, "borrow wait p50", categories, p50s);
    Charts.addSeries(chart, "borrow wait p99", categories, p99s);
    String text = "A fresh pool (minimum 5 idle, maximum 50; connects take 150 ms) is hit by 50"
        + " threads at once, each borrowing a connection for a 2 ms query. One shot is one"
        + " burst (JMH SingleShotTime). Connections opened counts the connects the pool started"
        + " during the burst; borrow waits pool every borrow of the measured bursts.\n\n"
        + table;
    return new Section(text, Optional.of(chart), List.of());
  }
}
