package dev.lakebase.pool;

import dev.lakebase.pool.internal.MicrometerPoolMetrics;
import dev.lakebase.pool.internal.PoolEvents;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Micrometer meters for a Lakebase pool (Micrometer is an optional dependency: only this class
 * needs it). Every meter has a {@code pool} tag; no meter name or tag ever holds a token.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code lakebase.pool.connections}</td><td>gauge (open connections; the sum over
 *       {@code state} is their number)</td><td>{@code state=active|idle}</td></tr>
 *   <tr><td>{@code lakebase.pool.connections.pending}</td><td>gauge (waiting threads)</td>
 *       <td></td></tr>
 *   <tr><td>{@code lakebase.pool.connections.max}</td><td>gauge (maximum size)</td><td></td></tr>
 *   <tr><td>{@code lakebase.pool.connections.min}</td><td>gauge (minimum idle)</td><td></td></tr>
 *   <tr><td>{@code lakebase.credential.mints}</td><td>counter</td>
 *       <td>{@code target}, {@code result=success|failure}</td></tr>
 *   <tr><td>{@code lakebase.credential.mint.latency}</td><td>timer</td>
 *       <td>{@code target}, {@code result}</td></tr>
 *   <tr><td>{@code lakebase.credential.expiry}</td><td>gauge (seconds to expiry of the current
 *       credential)</td><td>{@code target}</td></tr>
 *   <tr><td>{@code lakebase.connect.attempts}</td><td>counter</td>
 *       <td>{@code outcome=success|retrying|failed}, {@code kind} (failure kind or
 *       {@code none})</td></tr>
 *   <tr><td>{@code lakebase.connect.coldstart.wait}</td><td>timer</td><td></td></tr>
 * </table>
 */
public final class LakebasePoolMetrics {

  private LakebasePoolMetrics() {}

  /**
   * Registers the pool's meters and attaches a listener for the core's events to the pool's
   * physical connects. Binding the same pool to the same registry again has no effect; the meters
   * are removed when the pool closes.
   *
   * @param ds a pool created by {@link LakebasePools}
   * @param registry the registry
   * @throws IllegalArgumentException if {@code ds} was not created by {@link LakebasePools}
   */
  public static void bind(LakebasePooledDataSource ds, MeterRegistry registry) {
    PoolEvents events = LakebasePools.events(ds);
    events.attachOnce(registry,
        () -> new MicrometerPoolMetrics(ds, events.poolName(), registry));
  }
}
