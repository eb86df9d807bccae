package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * Scenario 5: time to a first successful query after a suspend, for the SDK and for the fixed
 * 2/4/6 s backoff, each against the wake delay.
 */
final class ColdStartScenario extends Scenario {

  static final String SDK = "lakebase";
  static final String TUNED = "lakebaseMaxBackoff100ms";
  static final String FIXED = "fixedBackoff";
  static final double TARGET_OVERHEAD_MS = 150;

  ColdStartScenario() {
    super("cold-start", "5. Cold-start recovery", "ColdStartBenchmark");
  }

  @Override
  Section render(List<JmhResult> results, ExtraSet extras) {
    List<String> wakes = results.stream().map(r -> r.param("wake")).distinct()
        .sorted(Comparator.comparing((String w) -> w.substring(0, w.indexOf('-')))
            .thenComparingLong(ColdStartScenario::delayMillis))
        .toList();
    String unit = results.get(0).unit();
    MarkdownTable table = new MarkdownTable("endpoint while waking", "wake delay (ms)",
        "SDK mean", "SDK p50", "SDK max", "SDK − delay", "SDK / delay",
        "SDK maxBackoff 100 ms: mean", "− delay", "fixed backoff mean", "fixed / delay",
        "SDK vs fixed", "SDK attempts retried (whole trial)");
    List<TargetCheck> targets = new ArrayList<>();
    CategoryChart chart = Charts.bars(title(), "first successful query after suspend (" + unit
        + ", lower is better)");
    List<String> categories = new ArrayList<>();
    List<Double> delays = new ArrayList<>();
    List<Double> sdkMeans = new ArrayList<>();
    List<Double> tunedMeans = new ArrayList<>();
    List<Double> fixedMeans = new ArrayList<>();
    for (String wake : wakes) {
      double delay = delayMillis(wake);
      Optional<JmhResult> sdk = find(results, wake, SDK);
      Optional<JmhResult> fixed = find(results, wake, FIXED);
      double sdkMean = sdk.map(JmhResult::score).orElse(Double.NaN);
      double tunedMean = find(results, wake, TUNED).map(JmhResult::score).orElse(Double.NaN);
      double fixedMean = fixed.map(JmhResult::score).orElse(Double.NaN);
      table.row(describe(wake), Numbers.format(delay), Numbers.format(sdkMean),
          Numbers.format(sdk.map(r -> r.percentile(50)).orElse(Double.NaN)),
          Numbers.format(sdk.map(r -> r.percentile(100)).orElse(Double.NaN)),
          Numbers.format(sdkMean - delay), Numbers.ratio(sdkMean / delay) + "×",
          Numbers.format(tunedMean), Numbers.format(tunedMean - delay), Numbers.format(fixedMean), Numbers.ratio(fixedMean / delay) + "×",
          Numbers.ratio(sdkMean / fixedMean) + "×",
          sdk.map(r -> PhysicalConnectScenario.retried(extras.of(r))).orElse("n/a"));
      categories.add(describe(wake));
      delays.add(delay);
      sdkMeans.add(sdkMean);
      tunedMeans.add(tunedMean);
      fixedMeans.add(fixedMean);
      if (sdk.isPresent()) {
        double overhead = sdkMean - delay;
        targets.add(new TargetCheck("cold start ≤ wake delay + " + (int) TARGET_OVERHEAD_MS
            + " ms (" + describe(wake) + ")",
            Numbers.format(sdkMean) + " ms = delay + " + Numbers.format(overhead) + " ms (margin "
                + Numbers.format(TARGET_OVERHEAD_MS - overhead) + " ms)",
            overhead <= TARGET_OVERHEAD_MS));
      }
    }
    Charts.addSeries(chart, "wake delay", categories, delays);
    Charts.addSeries(chart, "SDK defaults (backoff 25 ms doubling to 2 s)", categories, sdkMeans);
    Charts.addSeries(chart, "SDK, maxBackoff 100 ms", categories, tunedMeans);
    Charts.addSeries(chart, "fixed backoff 2 s / 4 s / 6 s", categories, fixedMeans);
    String text = "The endpoint is suspended before each shot; the shot is the time from the"
        + " first connect attempt to a first successful `SELECT 1` (JMH SingleShotTime, " + unit
        + "). `hold`: the endpoint holds the login until it is awake; `refuse`: it answers 57P03"
        + " until then. The SDK's credential and host caches are warm, as in an application"
        + " whose endpoint scaled to zero.\n\n" + table;
    return new Section(text, Optional.of(chart), targets);
  }

  private static Optional<JmhResult> find(List<JmhResult> results, String wake, String method) {
    return results.stream()
        .filter(r -> r.param("wake").equals(wake) && r.method().equals(method))
        .findFirst();
  }

  /** {@code hold-200ms} → 200. */
  static long delayMillis(String wake) {
    return Long.parseLong(wake.substring(wake.indexOf('-') + 1, wake.length() - 2));
  }

  /** {@code hold-200ms} → {@code hold 200 ms}. */
  private static String describe(String wake) {
    return wake.substring(0, wake.indexOf('-')) + " " + delayMillis(wake) + " ms";
  }
}
