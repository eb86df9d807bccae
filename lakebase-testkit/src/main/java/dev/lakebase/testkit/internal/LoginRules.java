package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.RejectReason;
import dev.lakebase.testkit.internal.TokenAuthority.MintedToken;
import java.time.Instant;

/**
 * What Lakebase checks at login, in its order, and how it says no: SQLSTATEs and message texts in
 * one place. A refusal never quotes the presented password.
 */
final class LoginRules {

  /**
   * A refused login.
   *
   * @param reason for the counters
   * @param sqlState the FATAL ErrorResponse's code
   * @param message the FATAL ErrorResponse's text
   */
  record Refusal(RejectReason reason, String sqlState, String message) {
  }

  private LoginRules() {
  }

  /**
   * The token check: known, not revoked, not expired, minted for this compute, for this user.
   *
   * @param tokens the mint (for revocations)
   * @param token the minted token the password matched, null if none
   * @param password the presented password
   * @param target the compute logged in to
   * @param user the startup user
   * @return null when the login may proceed
   */
  static Refusal checkToken(TokenAuthority tokens, MintedToken token, String password, Compute target, String user) {
    String failed = "password authentication failed for user \"" + user + "\"";
    if (token == null) {
      return new Refusal(RejectReason.UNKNOWN_TOKEN, "28P01", failed);
    }
    if (tokens.isRevoked(password)) {
      return new Refusal(RejectReason.REVOKED_TOKEN, "28P01", failed + ": token has been revoked");
    }
    if (token.expiredAt(Instant.now())) {
      return new Refusal(RejectReason.EXPIRED_TOKEN, "28P01", failed + ": OAuth token has expired");
    }
    if (!token.computeName().equals(target.name())) {
      return new Refusal(RejectReason.WRONG_COMPUTE, "28P01",
          failed + ": token was issued for a different " + target.kindNoun());
    }
    if (!token.identity().equals(user)) {
      return new Refusal(RejectReason.IDENTITY_MISMATCH, "28000",
          "OAuth token identity '" + token.identity() + "' did not match the requested role '" + user + "'");
    }
    return null;
  }

  static Refusal waking() {
    return new Refusal(RejectReason.WAKING, "57P03",
        "the database system is starting up (endpoint is waking from suspend)");
  }

  static Refusal pooledHost(Computes.Route route) {
    return new Refusal(RejectReason.POOLED_HOST, "28000", "OAuth token logins are not supported"
        + " through the pooled (PgBouncer) host: connect to the endpoint's host "
        + (route.readOnlyName() ? route.compute().readOnlyHost() : route.compute().host())
        + " (status.hosts.host or read_only_host) instead");
  }

  static Refusal endpointNotSpecified() {
    return new Refusal(RejectReason.NO_ROUTE, "08004",
        "Endpoint ID is not specified. Use a client that sends TLS SNI, or pass options=endpoint%3D<endpoint-id>");
  }

  static Refusal endpointNotFound(String endpointId, Computes computes) {
    return new Refusal(RejectReason.NO_ROUTE, "08004", "Endpoint '" + endpointId + "' was not found. Known endpoint ids: "
        + String.join(", ", computes.endpointIds()));
  }

  static Refusal protocol(String sqlState, String message) {
    return new Refusal(RejectReason.OTHER, sqlState, message);
  }
}
