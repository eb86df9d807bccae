package dev.lakebase.testkit;

import java.lang.reflect.Method;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resets the Lakebase SDK's process-wide state ({@code dev.lakebase.jdbc.LakebaseRuntime.reset()})
 * when the SDK is on the test's class path, so that a test class starts with cold credential caches
 * and the emulator's counters match what the class did. Found by reflection: the testkit emulates
 * the service and must not depend on the client (tests of other clients use it too).
 */
final class SdkState {

  private static final Logger log = LoggerFactory.getLogger(SdkState.class);
  private static final String RUNTIME = "dev.lakebase.jdbc.LakebaseRuntime";

  private SdkState() {}

  /**
   * Calls {@code LakebaseRuntime.reset()} if the SDK is visible from the given class loader.
   *
   * @param loader the test class's loader
   * @return {@code true} when the SDK was found and reset
   */
  static boolean reset(ClassLoader loader) {
    Class<?> runtime;
    try {
      runtime = Class.forName(RUNTIME, true, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
    try {
      Method reset = runtime.getMethod("reset");
      reset.invoke(null);
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn("Could not reset the Lakebase SDK's shared state ({}): credential caches of earlier"
          + " test classes may be reused", e.toString());
      return false;
    }
  }
}
