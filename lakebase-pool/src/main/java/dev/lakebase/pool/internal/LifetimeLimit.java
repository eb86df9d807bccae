package dev.lakebase.pool.internal;

import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.DurationText;
import java.time.Duration;

/**
 * The rule behind {@code pool.max-lifetime}: a pooled connection must be retired well before the
 * token it logged in with expires, so no session outlives its credential. The margin is 10 % of
 * the token lifetime (6 min of Lakebase's 1 h).
 */
public final class LifetimeLimit {

  private LifetimeLimit() {}

  /**
   * The longest lifetime allowed for connections logged in with tokens of this lifetime.
   *
   * @param tokenLifetime the token lifetime
   * @return 90 % of it
   */
  public static Duration of(Duration tokenLifetime) {
    return Duration.ofMillis(tokenLifetime.toMillis() / 10 * 9);
  }

  /**
   * Rejects a lifetime that is not positive or above {@link #of(Duration)}.
   *
   * @param key the setting named in the error, e.g. {@code pool.max-lifetime}
   * @param lifetime the requested lifetime
   * @param tokenLifetime the token lifetime ({@code pool.token-lifetime})
   * @throws LakebaseConfigException naming {@code key}
   */
  public static void check(String key, Duration lifetime, Duration tokenLifetime) {
    if (lifetime.isZero() || lifetime.isNegative()) {
      throw new LakebaseConfigException(key, key + " " + DurationText.format(lifetime)
          + " must be longer than zero: connections must be retired before their login token"
          + " expires (default 45m)");
    }
    Duration limit = of(tokenLifetime);
    if (lifetime.compareTo(limit) > 0) {
      throw new LakebaseConfigException(key, key + " " + DurationText.format(lifetime)
          + " is above the limit of " + DurationText.format(limit) + " (90 % of the token lifetime "
          + DurationText.format(tokenLifetime) + ", pool.token-lifetime): a pooled connection must be"
          + " retired before the token it logged in with expires; set " + key + " to at most "
          + DurationText.format(limit) + " (default 45m)");
    }
  }
}
