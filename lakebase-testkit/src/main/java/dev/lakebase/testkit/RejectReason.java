package dev.lakebase.testkit;

/** Why the emulator's PostgreSQL proxy refused a login (see {@link EmulatorCounters#loginsRejected(RejectReason)}). */
public enum RejectReason {
  /** The password is not a token this emulator minted (28P01). */
  UNKNOWN_TOKEN,
  /** The token was revoked with {@link LakebaseEmulator#revokeToken} or {@link LakebaseEmulator#revokeTokensOf} (28P01). */
  REVOKED_TOKEN,
  /** The token's lifetime is over (28P01). */
  EXPIRED_TOKEN,
  /** The token was minted for another endpoint or instance (28P01). */
  WRONG_COMPUTE,
  /** The token's identity is not the startup {@code user} (28000). */
  IDENTITY_MISMATCH,
  /** The requested database does not exist (3D000, answered by the real PostgreSQL). */
  UNKNOWN_DATABASE,
  /** The compute is suspended or waking and refused the login (57P03). */
  WAKING,
  /** The login came through a pooled (PgBouncer) host name, which does not take OAuth tokens (28000). */
  POOLED_HOST,
  /** The proxy could not tell which compute the client wants (no SNI, no {@code options=endpoint=}). */
  NO_ROUTE,
  /** Anything else: protocol errors, backend refusals other than an unknown database. */
  OTHER
}
