package dev.lakebase.testkit.spring;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import org.junit.jupiter.api.Test;

/** One of two classes that each see exactly their own mint (see {@link PerClassCounters}). */
@EmulatedLakebase
class PerClassCountersSecondTest {

  @Test
  void mintsOnceToo(LakebaseEmulator emulator) throws Exception {
    PerClassCounters.connectAndCountOneMint(emulator);
  }
}
