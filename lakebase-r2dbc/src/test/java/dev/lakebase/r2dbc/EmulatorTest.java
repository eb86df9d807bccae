package dev.lakebase.r2dbc;

import dev.lakebase.testkit.LakebaseEmulator;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the tests on the shared emulator (subclasses carry {@code @EmulatedLakebase}): every
 * test starts from a clean emulator and a cold process-wide credential cache.
 */
abstract class EmulatorTest {

  LakebaseEmulator emulator;

  @BeforeEach
  void freshEmulator(LakebaseEmulator emulator) {
    this.emulator = emulator;
    R2dbcTests.fresh(emulator);
  }
}
