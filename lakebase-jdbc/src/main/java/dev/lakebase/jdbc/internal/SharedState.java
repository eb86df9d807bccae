package dev.lakebase.jdbc.internal;

/**
 * The process-wide state of the core, in one place: the shared credential caches, the workspace
 * clients built by the library and the identities looked up through them, and the background
 * threads. {@code dev.lakebase.jdbc.LakebaseRuntime} is its public face.
 *
 * <p>Every {@link #reset()} starts a new generation; a {@link Connector} that resolved its
 * identity and cache in an older generation resolves them again on its next connect, so after a
 * reset nothing of the old state is used, not even by DataSources created before it.
 */
public final class SharedState {

  private static volatile int generation;

  private SharedState() {}

  /**
   * Stops and forgets every credential cache, workspace client and identity, and starts a new
   * generation.
   */
  public static synchronized void reset() {
    generation++;
    CredentialRegistry.shared().clear();
    WorkspaceClients.clear();
  }

  /** {@link #reset()}, then stops the background threads (they restart on the next use). */
  public static synchronized void shutdown() {
    reset();
    LakebaseExecutors.shutdown();
  }

  /**
   * Whether the background threads are running.
   *
   * @return {@code true} after a use since the last shutdown
   */
  public static boolean threadsRunning() {
    return LakebaseExecutors.running();
  }

  /**
   * Whether the credential refresh scheduler thread runs.
   *
   * @return {@code true} once a refresh (or a connect-deadline timer) was scheduled since the
   *     last shutdown
   */
  public static boolean refreshSchedulerRunning() {
    return LakebaseExecutors.schedulerRunning();
  }

  /**
   * Background tasks scheduled so far (refreshes and connect-deadline timers).
   *
   * @return the count since the library was loaded
   */
  public static long scheduledTasks() {
    return LakebaseExecutors.scheduledTasks();
  }

  static int generation() {
    return generation;
  }
}
