package dev.lakebase.examples.orders.dashboard;

import dev.lakebase.opentelemetry.LakebaseOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.InstrumentType;
import io.opentelemetry.sdk.metrics.data.AggregationTemporality;
import io.opentelemetry.sdk.metrics.data.DoublePointData;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A metric exporter that keeps the newest export in memory, so the live page shows the
 * OpenTelemetry instruments of {@code lakebase-opentelemetry} exactly as an OTLP exporter would
 * send them (an application would configure an OTLP exporter here instead).
 */
public final class OpenTelemetryMetrics implements MetricExporter {

  /** Attributes every point has: left out of the page's rows. */
  private static final Set<String> COMMON = Set.of("db.system.name", "lakebase.target",
      "db.client.connection.pool.name");

  /**
   * One point as the page shows it.
   *
   * @param name instrument name
   * @param unit its unit
   * @param attributes the point's attributes besides the common ones
   * @param value the value: the count and sum for a histogram
   */
  public record Row(String name, String unit, String attributes, String value) {}

  private volatile List<Row> latest = List.of();

  @Override
  public CompletableResultCode export(Collection<MetricData> metrics) {
    List<Row> rows = new ArrayList<>();
    for (MetricData m : metrics) {
      if (!m.getInstrumentationScopeInfo().getName()
          .equals(LakebaseOpenTelemetry.INSTRUMENTATION_SCOPE)) {
        continue;
      }
      for (PointData p : m.getData().getPoints()) {
        rows.add(new Row(m.getName(), m.getUnit(), attributes(p), value(p)));
      }
    }
    rows.sort(Comparator.comparing(Row::name).thenComparing(Row::attributes));
    latest = List.copyOf(rows);
    return CompletableResultCode.ofSuccess();
  }

  /**
   * The newest export.
   *
   * @return one row per point, by instrument name
   */
  public List<Row> rows() {
    return latest;
  }

  @Override
  public AggregationTemporality getAggregationTemporality(InstrumentType instrumentType) {
    return AggregationTemporality.CUMULATIVE;
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  private static String attributes(PointData p) {
    TreeMap<String, Object> shown = new TreeMap<>();
    p.getAttributes().forEach((AttributeKey<?> k, Object v) -> {
      if (!COMMON.contains(k.getKey())) {
        shown.put(k.getKey(), v);
      }
    });
    return shown.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String value(PointData p) {
    if (p instanceof LongPointData l) {
      return Long.toString(l.getValue());
    }
    if (p instanceof DoublePointData d) {
      return String.format(Locale.ROOT, "%.1f", d.getValue());
    }
    if (p instanceof HistogramPointData h) {
      return String.format(Locale.ROOT, "count %d, sum %.3f", h.getCount(), h.getSum());
    }
    return p.toString();
  }
}
