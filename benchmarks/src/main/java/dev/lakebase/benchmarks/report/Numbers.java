package dev.lakebase.benchmarks.report;

import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.util.ListStatistics;

/** Statistics over samples and the number formats of the report. */
final class Numbers {

  private Numbers() {}

  /**
   * A percentile, computed as JMH computes the percentiles of its results.
   *
   * @param values the samples, in any order
   * @param p the percentile, 0 to 100
   * @return the value, {@code NaN} for no samples
   */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    ListStatistics stats = statistics(values);
    return p <= 0 ? stats.getMin() : stats.getPercentile(p);
  }

  /**
   * The mean.
   *
   * @param values the samples
   * @return the mean, {@code NaN} for no samples
   */
  static double mean(List<Double> values) {
    return values.isEmpty() ? Double.NaN : statistics(values).getMean();
  }

  private static ListStatistics statistics(List<Double> values) {
    return new ListStatistics(values.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * A measurement with about three significant digits, e.g. {@code 12,346}, {@code 48.2},
   * {@code 5.12}, {@code 0.734}.
   *
   * @param x the value
   * @return the text, {@code n/a} when not a number
   */
  static String format(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return "n/a";
    }
    double a = Math.abs(x);
    String pattern = a >= 100 ? "%,.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    return String.format(Locale.ROOT, pattern, x);
  }

  /**
   * A ratio with three decimals, e.g. {@code 0.996}.
   *
   * @param x the ratio
   * @return the text
   */
  static String ratio(double x) {
    return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x);
  }
}
