package dev.lakebase.pool;

import java.sql.SQLInvalidAuthorizationSpecException;

/**
 * The workspace rejected a user's token (HTTP 401/403) while {@link LakebaseUserPools} looked up
 * the user's identity or minted a database credential for the user: the user must sign in again
 * (a web application answers 401). Only this user is affected, and nothing is retried with the
 * rejected token. The message never contains the token or the user's identity.
 */
public final class LakebaseUserTokenException extends SQLInvalidAuthorizationSpecException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was rejected and what to do, without the token
   * @param cause the workspace API's failure, sanitized
   */
  public LakebaseUserTokenException(String message, Throwable cause) {
    super(message, "28000", cause);
  }
}
