package dev.lakebase.jdbc.internal;

import com.databricks.sdk.core.DatabricksError;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import java.io.IOException;

/**
 * Turns Databricks SDK failures into {@link CredentialException}s that say whether a retry can
 * help and which setting to check. Only the server's own message is kept (redacted): SDK messages
 * may quote whole requests.
 */
final class WorkspaceErrors {

  private WorkspaceErrors() {}

  /**
   * Translates a failed workspace API call.
   *
   * @param failure what the SDK threw
   * @param action what was being done, e.g. "minting a credential for Autoscaling endpoint x"
   * @param resource the resource named in a 404, e.g. "Lakebase endpoint projects/..."
   * @param settingToCheck the configuration key to name in permanent failures
   * @return the translated exception
   */
  public static CredentialException translate(
      RuntimeException failure, String action, String resource, String settingToCheck) {
    DatabricksError error = findError(failure);
    if (error == null) {
      boolean io = hasCause(failure, IOException.class);
      String detail = Secrets.redact(failure.getMessage());
      return new CredentialException(
          io ? action + " failed: workspace API unreachable (" + detail + ")"
              : action + " failed: " + detail + ". Check the workspace client configuration"
                  + " (databricksHost, databricksProfile or the DATABRICKS_* variables)",
          io, failure);
    }
    int status = error.getStatusCode();
    String code = error.getErrorCode() == null ? "" : " " + error.getErrorCode();
    String serverMessage = Secrets.redact(error.getMessage());
    String http = "HTTP " + status + code;
    return switch (status) {
      case 404 -> new CredentialException(
          resource + " not found (" + http + "): check " + settingToCheck, false, failure);
      case 400 -> new CredentialException(
          action + " was rejected as invalid (" + http + ": " + serverMessage + "): check "
              + settingToCheck, false, failure);
      case 401 -> new CredentialException(
          "The workspace API did not accept the Databricks credentials while " + action + " ("
              + http + ": " + serverMessage + "): check the workspace client's authentication"
              + " (databricksHost, databricksProfile or the DATABRICKS_* variables)",
          false, failure);
      case 403 -> new CredentialException(
          "Permission denied while " + action + " (" + http + ": " + serverMessage + "): the"
              + " workspace identity needs access to " + resource, false, failure);
      default -> new CredentialException(
          action + " failed (" + http + ": " + serverMessage + ")",
          status == 429 || status >= 500, failure);
    };
  }

  private static DatabricksError findError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabricksError e && !"IO_ERROR".equals(e.getErrorCode())) {
        return e;
      }
    }
    return null;
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
