package dev.lakebase.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;

/** The report's bar charts: one look for every scenario. */
final class Charts {

  private static final Color[] SERIES = {
    new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868), new Color(0xC44E52),
    new Color(0x8172B3)
  };

  private Charts() {}

  /**
   * An empty grouped bar chart.
   *
   * @param title the title
   * @param yAxis the value axis title, with its unit
   * @return the chart; add one series per compared variant
   */
  static CategoryChart bars(String title, String yAxis) {
    CategoryChart chart = new CategoryChartBuilder().width(960).height(540)
        .title(title).yAxisTitle(yAxis).build();
    chart.getStyler()
        .setLegendPosition(LegendPosition.OutsideS)
        .setSeriesColors(SERIES)
        .setChartBackgroundColor(Color.WHITE);
    chart.getStyler()
        .setLabelsVisible(true)
        .setLabelsRotation(0)
        .setAvailableSpaceFill(0.8);
    chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
    // Also the pattern of the values printed on the bars.
    chart.getStyler().setYAxisDecimalPattern("#,##0.##");
    return chart;
  }

  /**
   * Adds a series of bars; values that were not measured ({@code NaN}) leave a gap, and a series
   * with no value at all is left out.
   *
   * @param chart the chart
   * @param name the series' legend
   * @param categories the bar groups
   * @param values one value per category
   */
  static void addSeries(CategoryChart chart, String name, List<String> categories,
      List<Double> values) {
    List<Double> bars = values.stream().map(v -> Double.isNaN(v) ? null : v).toList();
    if (bars.stream().anyMatch(Objects::nonNull)) {
      chart.addSeries(name, categories, bars);
    }
  }

  /**
   * Writes a chart as a PNG.
   *
   * @param chart the chart
   * @param file the file, ending in {@code .png}
   * @throws IOException if it cannot be written
   */
  static void save(CategoryChart chart, Path file) throws IOException {
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapFormat.PNG);
  }
}
