package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.LakebaseConfig;
import java.sql.Driver;

/**
 * Replaces pgjdbc with another {@link Driver} for the physical connections of one configuration.
 * Not API: this project's benchmarks use it to measure the SDK over a stub driver (no network), the
 * way HikariCP's benchmark does. Everything else connects through pgjdbc, which the SDK's TLS, DNS
 * and login handling depend on.
 */
public final class PhysicalDriverSeam {

  /** What {@link LakebaseConfig} lets this seam read and write; installed by it. */
  public interface Access {
    /**
     * The configuration's physical driver.
     *
     * @param config the configuration
     * @return the driver, pgjdbc unless replaced
     */
    Driver physicalDriver(LakebaseConfig config);

    /**
     * Replaces the builder's physical driver.
     *
     * @param builder the builder
     * @param driver the driver, {@code null} for pgjdbc
     */
    void physicalDriver(LakebaseConfig.Builder builder, Driver driver);
  }

  private static volatile Access access;

  private PhysicalDriverSeam() {}

  /**
   * Called once by {@link LakebaseConfig}'s static initializer.
   *
   * @param a the accessor
   */
  public static void install(Access a) {
    if (access == null) {
      access = a;
    }
  }

  /**
   * Makes the builder's configurations open physical connections through the given driver.
   *
   * @param builder the builder
   * @param driver the driver (e.g. a stub)
   * @return the builder
   */
  public static LakebaseConfig.Builder use(LakebaseConfig.Builder builder, Driver driver) {
    access().physicalDriver(builder, driver);
    return builder;
  }

  static Driver physicalDriver(LakebaseConfig config) {
    return access().physicalDriver(config);
  }

  private static Access access() {
    Access a = access;
    if (a == null) {
      // A LakebaseConfig or a builder exists, so its class has been initialized: unreachable.
      throw new IllegalStateException("LakebaseConfig has not installed its seam");
    }
    return a;
  }
}
