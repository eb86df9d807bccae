package dev.lakebase.benchmarks.report;

import java.util.List;
import java.util.Optional;
import org.knowm.xchart.CategoryChart;

/**
 * A scenario's part of the report.
 *
 * @param markdown its text and tables
 * @param chart its chart, saved as {@code <scenario id>.png}
 * @param targets the design targets it checks
 */
record Section(String markdown, Optional<CategoryChart> chart, List<TargetCheck> targets) {}
