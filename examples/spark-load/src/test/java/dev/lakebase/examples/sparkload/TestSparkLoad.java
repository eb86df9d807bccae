package dev.lakebase.examples.sparkload;

import dev.lakebase.examples.sparkload.SparkLoad.Settings;

/**
 * What {@code run.sh} starts: the job on a local Lakebase emulator, or on the real endpoint when
 * {@code LAKEBASE_ENDPOINT} is set ({@link SparkLoad#main}). A test-scope class, so the emulator
 * never reaches the job's runtime class path.
 */
public final class TestSparkLoad {

  private TestSparkLoad() {}

  /**
   * Runs the job.
   *
   * @param args see {@link SparkLoad}
   * @throws Exception when the target cannot be closed
   */
  public static void main(String[] args) throws Exception {
    String endpoint = System.getenv("LAKEBASE_ENDPOINT");
    if (endpoint != null && !endpoint.isBlank()) {
      SparkLoad.main(args);
      return;
    }
    Settings settings = Settings.parse(args);
    try (Target target = EmulatorTarget.start(settings.tokenLifetime())) {
      SparkLoad.run(settings, target);
    }
  }
}
