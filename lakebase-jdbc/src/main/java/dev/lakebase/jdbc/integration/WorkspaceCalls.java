package dev.lakebase.jdbc.integration;

import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.internal.WorkspaceCallLog;

/**
 * For integrations that build the Databricks workspace client themselves (the Spring module's
 * client bean): makes the client's HTTP 429/5xx answers and I/O errors known to the core, so a
 * connect whose budget runs out during a workspace call names the cause ("last workspace API
 * problem: HTTP 503 from /api/2.0/postgres/credentials") instead of only "still waiting". Only the
 * status, the request path and the exception type are kept.
 */
public final class WorkspaceCalls {

  private WorkspaceCalls() {}

  /**
   * Installs the recording HTTP client on a configuration that has none.
   *
   * @param config the configuration the client will be built from
   * @return {@code config}
   */
  public static DatabricksConfig recording(DatabricksConfig config) {
    return WorkspaceCallLog.install(config);
  }
}
