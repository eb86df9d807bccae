package dev.lakebase.examples.orders.generator;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sample data settings ({@code orders.data.*}).
 *
 * @param scale how many orders to generate (each with 1–7 line items, about 4 on average)
 * @param load whether to load them: {@code never} (the default: a real database keeps whatever it
 *     has), or {@code always}, only into empty tables (the emulator run and the tests set it in
 *     their {@code emulator} profile)
 * @param seed the same seed gives the same data
 */
@ConfigurationProperties("orders.data")
public record SampleDataProperties(
    @DefaultValue("150000") long scale,
    @DefaultValue("never") Load load,
    @DefaultValue("20260101") long seed) {

  /** When the sample data is loaded. */
  public enum Load {
    /** When the tables are empty. */
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
