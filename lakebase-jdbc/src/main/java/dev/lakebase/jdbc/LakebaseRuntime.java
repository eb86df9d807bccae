package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.Connector;
import dev.lakebase.jdbc.internal.SharedState;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The owner of the SDK's process-wide state: the credential caches shared by every DataSource,
 * driver URL and auth-plugin connect of a target and identity; the workspace clients the library
 * builds and the identities looked up through them; the DataSources kept per {@code
 * jdbc:lakebase:} URL and auth-plugin setting; and two daemon threads (the credential refresh
 * scheduler and the workspace call pool).
 *
 * <p>Applications normally never call it. It exists for two situations:
 *
 * <ul>
 *   <li><b>Tests</b>: {@link #reset()} between test classes, so each class starts with cold caches
 *       and an emulator's mint counters match what the class did (the testkit's
 *       {@code @EmulatedLakebase} extension calls it for you).
 *   <li><b>Containers that redeploy</b> (servlet containers, application servers, OSGi): {@link
 *       #shutdown()} when the application stops, so no thread or cache of the old deployment
 *       survives it.
 * </ul>
 */
public final class LakebaseRuntime {

  static final InstanceMemo<LakebaseDataSource> DRIVER_DATA_SOURCES = new InstanceMemo<>();
  static final InstanceMemo<Connector> PLUGIN_CONNECTORS = new InstanceMemo<>();

  private LakebaseRuntime() {}

  /**
   * <b>For tests.</b> Drops every shared credential cache (stopping its background refresh), every
   * workspace client built by the library and every identity looked up, and closes the
   * DataSources kept for driver URLs and auth-plugin settings. Connections already open keep
   * working. DataSources and pools created before keep working too: their next physical connect
   * looks up the identity, the host and a fresh credential again, exactly as a new DataSource
   * would. Calling it while connects are in flight is safe but defeats its purpose.
   */
  public static void reset() {
    DRIVER_DATA_SOURCES.closeAll();
    PLUGIN_CONNECTORS.closeAll();
    SharedState.reset();
  }

  /**
   * Releases everything of the SDK in this class loader: {@link #reset()}, stops the background
   * threads, and deregisters the {@code jdbc:lakebase:} driver from {@link DriverManager}. Call it
   * when an application stops in a container that outlives it (e.g. from a {@code
   * ServletContextListener}). DataSources used after it still connect (the threads start again),
   * but {@code DriverManager} no longer knows {@code jdbc:lakebase:} URLs.
   */
  public static void shutdown() {
    reset();
    SharedState.shutdown();
    LakebaseDriver.deregister();
  }

  /**
   * Whether the SDK's background threads are running (they start on the first connect).
   *
   * @return {@code true} between a first use and {@link #shutdown()}
   */
  public static boolean threadsRunning() {
    return SharedState.threadsRunning();
  }

  /**
   * Whether the credential refresh scheduler thread runs. It starts with the first background
   * refresh; with {@code refreshStrategy=lazy} (and without the asynchronous R2DBC connect path,
   * which times its waits on it) it never starts.
   *
   * @return {@code true} between the first scheduled refresh and {@link #shutdown()}
   */
  public static boolean refreshThreadRunning() {
    return SharedState.refreshSchedulerRunning();
  }
}
