package dev.lakebase.benchmarks.report;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A ratio of two results measured in interleaved rounds ({@code run.sh full}), paired by round:
 * the ratio of the two forks' means in each round, summarised by its median and range. Two forks
 * of the same round ran within about a minute of each other, so a change in the machine's load
 * that lasts longer cancels out, and the median ignores a round in which the load changed.
 *
 * @param median the median of the per-round ratios
 * @param min the smallest per-round ratio
 * @param max the largest per-round ratio
 * @param rounds how many rounds were paired
 */
record PairedRatio(double median, double min, double max, int rounds) {

  /** Fewer rounds than this give no useful median. */
  static final int MIN_ROUNDS = 3;

  /**
   * Pairs the forks of two results by position.
   *
   * @param result the measurement
   * @param baseline the baseline
   * @return the paired ratio, or empty with fewer than {@link #MIN_ROUNDS} forks on either side
   *     or different fork counts
   */
  static Optional<PairedRatio> of(JmhResult result, JmhResult baseline) {
    int rounds = result.forks().size();
    if (rounds < MIN_ROUNDS || baseline.forks().size() != rounds) {
      return Optional.empty();
    }
    List<Double> ratios = IntStream.range(0, rounds)
        .mapToObj(i -> Numbers.mean(result.forks().get(i)) / Numbers.mean(baseline.forks().get(i)))
        .toList();
    return Optional.of(new PairedRatio(Numbers.percentile(ratios, 50),
        Numbers.percentile(ratios, 0), Numbers.percentile(ratios, 100), rounds));
  }

  @Override
  public String toString() {
    return Numbers.ratio(median) + " (" + Numbers.ratio(min) + "–" + Numbers.ratio(max) + ", "
        + rounds + " rounds)";
  }
}
