package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebaseUserPools;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * Meters of the per-user pools, as counts only: no meter is tagged with a user (a flood of users
 * must not become a flood of time series, and identities are not metric tags).
 *
 * <ul>
 *   <li>{@code lakebase.user.pools} gauge: open user pools, and {@code .max} the cap;
 *   <li>{@code lakebase.user.connections} gauge, tag {@code state} = {@code active} | {@code
 *       idle}: across all user pools;
 *   <li>{@code lakebase.user.pools.closed} counter, tag {@code reason} = {@code evicted} | {@code
 *       idle};
 *   <li>{@code lakebase.user.identity.lookups} counter.
 * </ul>
 */
public final class UserPoolsMeters implements MeterBinder {

  private final LakebaseUserPools pools;

  /**
   * Meters for one {@link LakebaseUserPools}.
   *
   * @param pools the pools
   */
  public UserPoolsMeters(LakebaseUserPools pools) {
    this.pools = pools;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, "lakebase.user.pools", "user pools open", null, s -> s.stats().pools());
    gauge(registry, "lakebase.user.pools.max", "cap on user pools", null,
        s -> s.stats().maxUsers());
    gauge(registry, "lakebase.user.connections", "connections of all user pools", "active",
        s -> s.stats().active());
    gauge(registry, "lakebase.user.connections", "connections of all user pools", "idle",
        s -> s.stats().idle());
    FunctionCounter.builder("lakebase.user.pools.closed", pools, s -> s.stats().poolsEvicted())
        .tag("reason", "evicted").description("user pools closed to make room for another user")
        .register(registry);
    FunctionCounter.builder("lakebase.user.pools.closed", pools, s -> s.stats().poolsClosedIdle())
        .tag("reason", "idle").description("user pools closed after the idle timeout")
        .register(registry);
    FunctionCounter.builder("lakebase.user.identity.lookups", pools,
        s -> s.stats().identityLookups()).description("identity lookups (one per user token)")
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description, String state,
      ToDoubleFunction<LakebaseUserPools> value) {
    Gauge.Builder<LakebaseUserPools> b = Gauge.builder(name, pools, value).description(description);
    if (state != null) {
      b.tag("state", state);
    }
    b.register(registry);
  }
}
