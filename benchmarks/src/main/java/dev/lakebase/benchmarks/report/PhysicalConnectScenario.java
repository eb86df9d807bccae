package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/** Scenario 3: cost of one physical connect, each variant against bare pgjdbc. */
final class PhysicalConnectScenario extends Scenario {

  static final String BASELINE = "pgjdbcStaticPassword";
  static final String CACHED = "lakebaseCachedCredential";
  static final double CACHED_TARGET = 1.05;
  private static final Map<String, String> LABELS = Map.of(
      BASELINE, "pgjdbc, static password (baseline)",
      CACHED, "LakebaseDataSource, cached credential",
      "mintPerConnect", "mint through the SDK per connect, then pgjdbc");
  private static final List<String> ORDER = List.of(BASELINE, CACHED, "mintPerConnect");

  PhysicalConnectScenario() {
    super("physical-connect", "3. Physical connect cost (emulator, TLS)", "PhysicalConnectBenchmark");
  }

  /** How many SDK connect attempts failed and were retried, by failure kind. */
  static String retried(ExtraSet.Extra extra) {
    String prefix = "attempts.RETRYING.";
    long total = extra.sumOf(prefix);
    if (total == 0) {
      return extra.counter("attempts.SUCCESS") > 0 ? "0" : "n/a (not recorded)";
    }
    StringBuilder kinds = new StringBuilder();
    extra.counters().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        kinds.append(kinds.length() == 0 ? "" : ", ").append(v).append(' ')
            .append(k.substring(prefix.length()));
      }
    });
    return total + " (" + kinds + ")";
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    Optional<JmhResult> baseline = results.stream()
        .filter(r -> r.method().equals(BASELINE)).findFirst();
    String unit = results.get(0).unit();
    MarkdownTable table =
        new MarkdownTable("variant", "time (" + unit + ")", "± (99.9 %)",
            "vs static: ratio of means", "vs static: paired by round, median (range)",
            "SDK attempts retried (whole trial)");
    CategoryChart chart = Charts.bars(title(), "time per connect + close (" + unit
        + ", lower is better)");
    List<String> categories = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Double> errors = new ArrayList<>();
    List<TargetCheck> targets = new ArrayList<>();
    for (String method : ORDER) {
      Optional<JmhResult> found = results.stream().filter(r -> r.method().equals(method))
          .findFirst();
      if (found.isEmpty()) {
        continue;
      }
      JmhResult r = found.get();
      String vsStatic = "n/a (no baseline result)";
      String paired = "n/a";
      if (method.equals(BASELINE)) {
        vsStatic = "baseline";
        paired = "baseline";
      } else if (baseline.isPresent()) {
        Ratio ratio = Ratio.of(r.score(), r.scoreError(), baseline.get().score(),
            baseline.get().scoreError());
        Optional<PairedRatio> byRound = PairedRatio.of(r, baseline.get());
        vsStatic = ratio + "×";
        paired = byRound.map(p -> p + "×").orElse("n/a (fewer than " + PairedRatio.MIN_ROUNDS
            + " rounds)");
        if (method.equals(CACHED)) {
          // As for the connection cycle, the paired median decides when there are rounds.
          double value = byRound.map(PairedRatio::median).orElse(ratio.value());
          targets.add(new TargetCheck(
              "physical connect with cached credential ≤ " + CACHED_TARGET + "× static",
              (byRound.isPresent() ? "paired median " : "ratio of means ")
                  + Numbers.ratio(value) + "× (margin "
                  + PoolCycleScenario.signed(CACHED_TARGET - value) + ")",
              value <= CACHED_TARGET));
        }
      }
      table.row(LABELS.get(method), Numbers.format(r.score()), Numbers.format(r.scoreError()),
          vsStatic, paired, method.equals(CACHED) ? retried(extras.of(r)) : "—");
      categories.add(LABELS.get(method));
      scores.add(r.score());
      errors.add(Double.isNaN(r.scoreError()) ? 0 : r.scoreError());
    }
    chart.addSeries("time per connect", categories, scores, errors);
    chart.getStyler().setLegendVisible(false);
    String text = "One physical connect and close against the emulator's endpoint (TCP, TLS"
        + " with SNI, token check, PostgreSQL backend start), single thread. The baseline uses a"
        + " token minted once at setup.\n\n" + table;
    return new Section(text, Optional.of(chart), targets);
  }
}
