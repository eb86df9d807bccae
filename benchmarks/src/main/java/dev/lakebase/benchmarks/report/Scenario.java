package dev.lakebase.benchmarks.report;

import java.util.List;

/** How one benchmark class's results are reported. */
abstract class Scenario {

  private final String id;
  private final String title;
  private final String benchmarkClass;

  /**
   * Describes the scenario.
   *
   * @param id the chart's file name without {@code .png}, e.g. {@code connection-cycle}
   * @param title the section's heading
   * @param benchmarkClass the simple name of the benchmark class whose results it reports
   */
  Scenario(String id, String title, String benchmarkClass) {
    this.id = id;
    this.title = title;
    this.benchmarkClass = benchmarkClass;
  }

  final String id() {
    return id;
  }

  final String title() {
    return title;
  }

  final String benchmarkClass() {
    return benchmarkClass;
  }

  /**
   * Renders the section.
   *
   * @param results this scenario's results (at least one)
   * @param extras the extra metrics of the run
   * @return the section
   */
  abstract Section render(List<JmhResult> results, ExtraSet extras);
}
