package dev.lakebase.examples.orders.generator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sample data settings ({@code orders.data.*}).
 *
 * @param scale how many orders to generate (each with 1–7 line items, about 4 on average)
 * @param load when to load them: {@code auto} only on the embedded default, {@code always} also
 *     into a real Lakebase database, {@code never}; in every case only into empty tables
 * @param seed the same seed gives the same data
 */
@ConfigurationProperties("orders.data")
public record SampleDataProperties(
    @DefaultValue("150000") long scale,
    @DefaultValue("auto") Load load,
    @DefaultValue("20260101") long seed) {

  /** When the sample data is loaded. */
  public enum Load {
    /** Only on the embedded default (the in-process emulator). */
    AUTO,
    /** Also into a real Lakebase database, when its tables are empty. */
    ALWAYS,
    /** Never. */
    NEVER
  }

  /** Checks the scale, naming the property to fix. */
  public SampleDataProperties {
    if (scale < 1) {
      throw new IllegalArgumentException(
          "orders.data.scale must be at least 1 (number of orders to generate): " + scale);
    }
  }
}
