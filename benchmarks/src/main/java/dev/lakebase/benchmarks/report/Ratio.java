package dev.lakebase.benchmarks.report;

/**
 * A ratio of two measurements with its uncertainty, propagated to first order from the
 * measurements' errors (relative errors add in quadrature).
 *
 * @param value the ratio
 * @param error its half-width, {@code NaN} when a measurement has no error estimate
 */
record Ratio(double value, double error) {

  /**
   * {@code numerator / denominator}.
   *
   * @param numerator the measurement
   * @param numeratorError its error
   * @param denominator the baseline
   * @param denominatorError its error
   * @return the ratio
   */
  static Ratio of(double numerator, double numeratorError, double denominator,
      double denominatorError) {
    double value = numerator / denominator;
    double relative = Math.hypot(numeratorError / numerator, denominatorError / denominator);
    return new Ratio(value, Math.abs(value) * relative);
  }

  @Override
  public String toString() {
    return Double.isNaN(error) ? Numbers.ratio(value)
        : Numbers.ratio(value) + " ± " + Numbers.ratio(error);
  }
}
