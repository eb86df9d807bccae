package dev.lakebase.testkit.internal;

import java.util.Objects;

/**
 * A workspace identity: a user (authenticates with a PAT) or a service principal (OAuth M2M).
 * Its name is also its PostgreSQL role.
 *
 * @param name user e-mail or service principal application id
 * @param servicePrincipal true for a service principal
 * @param secret the PAT of a user, the client secret of a service principal
 */
public record Identity(String name, boolean servicePrincipal, String secret) {

  /** Validates the fields. */
  public Identity {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("identity name must not be blank");
    }
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("the secret of identity '" + name + "' must not be blank");
    }
  }

  /**
   * @param userName a user e-mail
   * @return the stable default PAT, {@code "dapi-emulator-" + localpart}
   */
  public static String defaultPat(String userName) {
    int at = userName.indexOf('@');
    return "dapi-emulator-" + (at > 0 ? userName.substring(0, at) : userName);
  }

  @Override
  public String toString() {
    return (servicePrincipal ? "ServicePrincipal[" : "User[") + name + "]";
  }
}
