package dev.lakebase.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Mints and remembers database tokens. A token is opaque but JWT-shaped, scoped to one compute and
 * one identity, and valid until its expiry unless revoked. Nothing here logs a token.
 */
public final class TokenAuthority {

  /**
   * A minted database token.
   *
   * @param token the secret itself (never log it; use {@link #fingerprint()})
   * @param computeName the endpoint path or instance name it is valid for
   * @param identity the role it may log in as
   * @param issuedAt mint time
   * @param expiresAt end of validity
   */
  public record MintedToken(String token, String computeName, String identity, Instant issuedAt, Instant expiresAt) {

    public boolean expiredAt(Instant now) {
      return !now.isBefore(expiresAt);
    }

    public String fingerprint() {
      return Fingerprints.of(token);
    }

    @Override
    public String toString() {
      return "MintedToken[" + fingerprint() + " for " + identity + " at " + computeName + ", expires " + expiresAt + "]";
    }
  }

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER = B64.encodeToString(
      "{\"alg\":\"RS256\",\"kid\":\"lakebase-emulator\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final SecureRandom random = new SecureRandom();
  private final Map<String, MintedToken> tokens = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  /** The {@code claims} a token was minted with, for tokens minted with any. */
  private final Map<String, Claims> claimsByToken = new ConcurrentHashMap<>();
  private final Duration initialLifetime;
  private volatile Duration lifetime;

  public TokenAuthority(Duration lifetime) {
    this.initialLifetime = lifetime;
    this.lifetime = lifetime;
  }

  public Duration lifetime() {
    return lifetime;
  }

  public void lifetime(Duration newLifetime) {
    if (newLifetime == null || newLifetime.isZero() || newLifetime.isNegative()) {
      throw new IllegalArgumentException("token lifetime must be positive: " + newLifetime);
    }
    lifetime = newLifetime;
  }

  /**
   * Mints a token with the current lifetime.
   *
   * @param computeName endpoint path or instance name
   * @param identity the identity the token logs in as
   * @return the minted token
   */
  public MintedToken mint(String computeName, String identity) {
    return mint(computeName, identity, null, null);
  }

  /**
   * What a token may do beyond logging in as its identity: a {@code READ_ONLY} permission set
   * makes its sessions read-only, optionally naming the tables the claim was limited to.
   *
   * @param readOnly whether the permission set is READ_ONLY
   * @param tables the {@code resources[].table_name} of the request, empty for all tables
   */
  public record Claims(boolean readOnly, List<String> tables) {
    /** Copies the list. */
    public Claims {
      tables = List.copyOf(tables);
    }
  }

  /**
   * Mints a token with a requested lifetime ({@code ttl}) and claims.
   *
   * @param computeName endpoint path or instance name
   * @param identity the identity the token logs in as
   * @param requestedLifetime the lifetime asked for, {@code null} for the emulator's lifetime
   * @param requestedClaims the claims asked for, {@code null} for none
   * @return the minted token
   */
  public MintedToken mint(String computeName, String identity, Duration requestedLifetime,
      Claims requestedClaims) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Instant expiresAt = now.plus(requestedLifetime != null ? requestedLifetime : lifetime);
    String claims = "{\"iss\":\"lakebase-emulator\",\"sub\":\"" + jsonEscape(identity)
        + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + expiresAt.getEpochSecond() + "}";
    String token = HEADER + "." + B64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + randomPart(32);
    MintedToken minted = new MintedToken(token, computeName, identity, now, expiresAt);
    tokens.put(token, minted);
    if (requestedClaims != null) {
      claimsByToken.put(token, requestedClaims);
    }
    return minted;
  }

  /**
   * @param bytes number of random bytes
   * @return base64url of fresh random bytes
   */
  public String randomPart(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return B64.encodeToString(b);
  }

  public Optional<MintedToken> find(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(tokens.get(token));
  }

  /**
   * @param token a token
   * @return the claims it was minted with, if any
   */
  public Optional<Claims> claimsOf(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(claimsByToken.get(token));
  }

  public boolean isRevoked(String token) {
    return revoked.contains(token);
  }

  public void revoke(String token) {
    if (token != null && tokens.containsKey(token)) {
      revoked.add(token);
    }
  }

  public void revokeAllOf(String identity) {
    tokens.values().stream().filter(t -> t.identity().equals(identity)).forEach(t -> revoked.add(t.token()));
  }

  /** Clears revocations and restores the initial lifetime; minted tokens stay valid. */
  public void reset() {
    revoked.clear();
    lifetime = initialLifetime;
  }

  private static String jsonEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
