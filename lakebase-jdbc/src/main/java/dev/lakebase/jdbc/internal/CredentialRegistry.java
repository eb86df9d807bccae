package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.CredentialProvider;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process-wide map from {@link CredentialProvider#cacheKey()} to the shared {@link
 * CredentialCache}, so that DataSources, the driver and the pgjdbc auth plugin (a new object per
 * connect) all use one cache per workspace, target and identity. The first user of a key decides
 * the provider and refresh settings.
 */
final class CredentialRegistry {

  private static final CredentialRegistry SHARED = new CredentialRegistry();

  private final Map<String, CredentialCache> caches = new ConcurrentHashMap<>();

  private CredentialRegistry() {}

  /**
   * The registry of this process.
   *
   * @return the registry
   */
  static CredentialRegistry shared() {
    return SHARED;
  }

  /**
   * The cache for a provider's key, created on first use.
   *
   * @param provider mints credentials when the cache is created by this call
   * @param identity the identity the credentials are for
   * @param settings refresh timing used when the cache is created by this call
   * @return the shared cache
   */
  CredentialCache cacheFor(
      CredentialProvider provider, String identity, CredentialCache.Settings settings) {
    return caches.computeIfAbsent(provider.cacheKey(),
        key -> new CredentialCache(provider, identity, settings, Clock.systemUTC(),
            LakebaseExecutors.workspaceCalls(), LakebaseExecutors::schedule));
  }

  /**
   * Stops and forgets every cache ({@link SharedState#reset()}). Connections opened before keep
   * working; connectors look up a new cache on their next connect.
   */
  void clear() {
    caches.values().forEach(CredentialCache::close);
    caches.clear();
  }
}
