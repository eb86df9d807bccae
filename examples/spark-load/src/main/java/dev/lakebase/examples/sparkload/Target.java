package dev.lakebase.examples.sparkload;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the job reads and writes, as Spark {@code jdbc:lakebase:} options. In production a real
 * Lakebase endpoint named by {@code LAKEBASE_ENDPOINT} (workspace auth from Databricks unified
 * auth: {@code DATABRICKS_*} variables or a profile); the local emulator target is built in the
 * tests ({@code EmulatorTarget}), so the emulator stays out of the job's runtime class path.
 */
final class Target implements AutoCloseable {

  static final String LAKEBASE_DRIVER = "dev.lakebase.jdbc.LakebaseDriver";

  private final Map<String, String> options;
  private final String description;
  private final Supplier<Map<String, String>> staticTokenOptions;
  private final Runnable report;
  private final AutoCloseable resource;

  /**
   * @param options Spark options: url, driver and connection settings
   * @param description what the job prints as its target
   * @param staticTokenOptions plain pgjdbc options with one static password (the benchmark's
   *     baseline), or {@code null} when the target cannot give one
   * @param report prints what the target saw after a load (logins, mints), or does nothing
   * @param resource closed with the target, or {@code null}
   */
  Target(Map<String, String> options, String description,
      Supplier<Map<String, String>> staticTokenOptions, Runnable report, AutoCloseable resource) {
    this.options = Map.copyOf(options);
    this.description = description;
    this.staticTokenOptions = staticTokenOptions;
    this.report = report;
    this.resource = resource;
  }

  /**
   * The real endpoint named by the environment.
   *
   * @param env the process environment
   * @return the target
   * @throws IllegalArgumentException when {@code LAKEBASE_ENDPOINT} is not set
   */
  static Target fromEnvironment(Map<String, String> env) {
    String endpoint = env.get("LAKEBASE_ENDPOINT");
    if (endpoint == null || endpoint.isBlank()) {
      throw new IllegalArgumentException("LAKEBASE_ENDPOINT is not set: set it to"
          + " projects/<p>/branches/<b>/endpoints/<e> (with DATABRICKS_HOST and its auth), or run"
          + " examples/spark-load/run.sh, which uses the local emulator without it");
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("driver", LAKEBASE_DRIVER);
    options.put("url", "jdbc:lakebase:" + endpoint);
    return new Target(options, options.get("url"), null, () -> { }, null);
  }

  /** Spark options for {@code jdbc:lakebase:} (url, driver and connection settings). */
  Map<String, String> options() {
    return new LinkedHashMap<>(options);
  }

  /**
   * Spark options for plain pgjdbc with one static password minted now: the baseline of the
   * throughput comparison.
   */
  Map<String, String> staticTokenOptions() {
    if (staticTokenOptions == null) {
      throw new IllegalStateException("the pgjdbc baseline runs on the local emulator only");
    }
    return staticTokenOptions.get();
  }

  String describe() {
    return description;
  }

  /** Prints what the target saw (the emulator's logins and mints), if it can. */
  void report() {
    report.run();
  }

  @Override
  public void close() throws Exception {
    if (resource != null) {
      resource.close();
    }
  }
}
