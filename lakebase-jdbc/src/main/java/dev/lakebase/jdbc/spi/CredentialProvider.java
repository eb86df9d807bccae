package dev.lakebase.jdbc.spi;

/**
 * Mints database credentials for one Lakebase target and one identity.
 *
 * <p>Providers are called only by the shared credential cache, never once per connect: the cache
 * decides when a new credential is needed (cold start, refresh ahead of expiry, after an
 * authentication failure) and makes sure concurrent callers share a single mint. Providers with
 * equal {@link #cacheKey()} share one cache process-wide.
 */
public interface CredentialProvider {

  /**
   * Mints a new credential. May block on network I/O.
   *
   * @return a credential whose token is the login password
   * @throws CredentialException if no credential could be minted; {@link
   *     CredentialException#isTransient()} tells the caller whether retrying can help
   */
  DatabaseCredential mint() throws CredentialException;

  /**
   * Identifies what this provider mints for; providers with equal keys share one credential
   * cache. Built-in providers use {@code "workspaceHost|target|identity"}. Must not contain a
   * secret.
   *
   * @return the cache key
   */
  String cacheKey();

  /**
   * A human-readable description for logs and events. Must not contain a secret.
   *
   * @return the description, by default the cache key
   */
  default String description() {
    return cacheKey();
  }
}
