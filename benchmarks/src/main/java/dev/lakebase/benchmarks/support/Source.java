package dev.lakebase.benchmarks.support;

/** What a pool takes its physical connections from. */
public enum Source {
  /** The pool straight over the stub driver: the baseline. */
  BARE,
  /** The same pool, configured identically, over {@code LakebaseDataSource} wrapping the stub. */
  SDK,
  /** The pool built by {@code lakebase-pool}'s factory over the same core configuration. */
  LAKEBASE_POOL;

  /**
   * Parses a JMH parameter value ({@code bare}, {@code sdk}, {@code lakebase-pool}).
   *
   * @param value the value
   * @return the source
   */
  public static Source parse(String value) {
    return valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
  }
}
