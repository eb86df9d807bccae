package dev.lakebase.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Who is calling the workspace API: PATs of users, OAuth access tokens issued to service principals. */
public final class WorkspaceAuth {

  /** Lifetime of M2M access tokens, as Databricks issues them. */
  public static final long ACCESS_TOKEN_SECONDS = 3600;

  private record AccessToken(Identity identity, Instant expiresAt) {
  }

  private final List<Identity> identities;
  private final TokenAuthority tokens;
  private final Map<String, AccessToken> accessTokens = new ConcurrentHashMap<>();
  /** Further workspace tokens of users (a new sign-in), beside their configured PATs. */
  private final Map<String, Identity> userTokens = new ConcurrentHashMap<>();
  /** Workspace tokens (PATs, user tokens, access tokens) that no longer authenticate. */
  private final java.util.Set<String> revokedTokens = ConcurrentHashMap.newKeySet();

  public WorkspaceAuth(List<Identity> identities, TokenAuthority tokens) {
    this.identities = List.copyOf(identities);
    this.tokens = tokens;
  }

  /**
   * @param authorization the Authorization header, may be null
   * @return the identity of a valid {@code Bearer} PAT or access token
   */
  public Optional<Identity> authenticate(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String bearer = authorization.substring(7).trim();
    if (revokedTokens.contains(bearer)) {
      return Optional.empty();
    }
    Identity issued = userTokens.get(bearer);
    if (issued != null) {
      return Optional.of(issued);
    }
    for (Identity identity : identities) {
      if (!identity.servicePrincipal() && identity.secret().equals(bearer)) {
        return Optional.of(identity);
      }
    }
    AccessToken access = accessTokens.get(bearer);
    if (access != null && Instant.now().isBefore(access.expiresAt())) {
      return Optional.of(access.identity());
    }
    return Optional.empty();
  }

  /**
   * Issues a further workspace token for a user, as a new sign-in would (the token Databricks
   * Apps forward in {@code X-Forwarded-Access-Token} changes that way).
   *
   * @param userName a configured user
   * @return the new token
   * @throws IllegalArgumentException when the user is unknown
   */
  public String issueUserToken(String userName) {
    Identity user = identities.stream().filter(i -> !i.servicePrincipal() && i.name().equals(userName))
        .findFirst().orElseThrow(() -> new IllegalArgumentException("no user '" + userName + "' in this emulator"));
    String token = "dapi-emulator-user-" + tokens.randomPart(24);
    userTokens.put(token, user);
    return token;
  }

  /**
   * Revokes a workspace token: calls with it are answered 401 from now on.
   *
   * @param token a PAT, a token from {@link #issueUserToken} or an OAuth access token
   */
  public void revoke(String token) {
    if (token != null) {
      revokedTokens.add(token);
    }
  }

  /** Clears workspace token revocations (tokens issued stay valid). */
  public void reset() {
    revokedTokens.clear();
  }

  /**
   * The client-credentials grant: checks a service principal's id and secret.
   *
   * @param basicAuthorization the Authorization header (HTTP Basic), may be null
   * @param form the form fields (client_id/client_secret may be there instead)
   * @return a new access token, or empty when the client is unknown or the secret wrong
   */
  public Optional<String> clientCredentials(String basicAuthorization, Map<String, String> form) {
    String clientId = form.get("client_id");
    String secret = form.get("client_secret");
    if (basicAuthorization != null && basicAuthorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(basicAuthorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      clientId = decoded.substring(0, colon);
      secret = decoded.substring(colon + 1);
    }
    for (Identity identity : identities) {
      if (identity.servicePrincipal() && identity.name().equals(clientId) && identity.secret().equals(secret)) {
        String token = "dose" + tokens.randomPart(32);
        accessTokens.put(token, new AccessToken(identity, Instant.now().plusSeconds(ACCESS_TOKEN_SECONDS)));
        return Optional.of(token);
      }
    }
    return Optional.empty();
  }
}
