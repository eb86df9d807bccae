package dev.lakebase.jdbc.internal;

import com.databricks.sdk.core.DatabricksError;
import dev.lakebase.jdbc.ConfigKey;
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
    ConfigKey setting = ConfigKey.lookup(settingToCheck.split(" ")[0]).orElse(null);
    return switch (status) {
      case 404 -> new CredentialFailure(
          resource + " not found (" + http + "): check " + settingToCheck, false, failure,
          setting);
      case 400 -> new CredentialFailure(
          action + " was rejected as invalid (" + http + ": " + serverMessage + "): check "
              + settingToCheck, false, failure, setting);
      case 401 -> badCredentials(action, http, serverMessage, failure);
      // Some workspaces answer an invalid or expired token with 403: that is not a grant issue.
      case 403 -> mentionsInvalidToken(serverMessage)
          ? badCredentials(action, http, serverMessage, failure)
          : new CredentialFailure("Permission denied while " + action + " (" + http + ": "
              + serverMessage + "): the Databricks credentials are valid but their identity lacks"
              + " permission on " + resource + "; grant it (e.g. CAN_USE on the Lakebase"
              + " project), or configure an identity that has it", false, failure, null);
      default -> new CredentialFailure(
          action + " failed (" + http + ": " + serverMessage + ")",
          status == 429 || status >= 500, failure, null);
    };
  }

  private static CredentialException badCredentials(String action, String http,
      String serverMessage, RuntimeException failure) {
    return new CredentialFailure("The workspace API rejected the Databricks credentials as"
        + " invalid or expired while " + action + " (" + http + ": " + serverMessage + "): check"
        + " the workspace client's authentication (databricksToken / DATABRICKS_TOKEN,"
        + " databricksClientId + databricksClientSecret, databricksProfile, databricksHost)",
        false, failure, ConfigKey.DATABRICKS_TOKEN);
  }

  private static boolean mentionsInvalidToken(String message) {
    String m = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
    return m.contains("token") && (m.contains("invalid") || m.contains("expired"));
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
