package dev.lakebase.opentelemetry;

import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.opentelemetry.internal.OtelInstruments;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.LakebasePools;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Map;
import java.util.Objects;

/**
 * Records what the SDK does as OpenTelemetry instruments, from the meter named {@value
 * #INSTRUMENTATION_SCOPE}.
 *
 * <table>
 *   <caption>Instruments</caption>
 *   <tr><th>name</th><th>instrument</th><th>unit</th><th>attributes besides the common
 *       ones</th></tr>
 *   <tr><td>{@code db.client.connection.count}</td><td>async up-down counter</td>
 *       <td>{@code {connection}}</td><td>{@code db.client.connection.state=used|idle}</td></tr>
 *   <tr><td>{@code db.client.connection.pending_requests}</td><td>async up-down counter</td>
 *       <td>{@code {request}}</td><td></td></tr>
 *   <tr><td>{@code db.client.connection.max}</td><td>async up-down counter</td>
 *       <td>{@code {connection}}</td><td></td></tr>
 *   <tr><td>{@code db.client.connection.create_time}</td><td>histogram</td><td>{@code s}</td>
 *       <td>(successful physical connects, retries included)</td></tr>
 *   <tr><td>{@code lakebase.credential.mints}</td><td>counter</td><td>{@code {mint}}</td>
 *       <td>{@code lakebase.credential.mint.result=success|failure}, {@code
 *       error.type=transient|permanent} on failures</td></tr>
 *   <tr><td>{@code lakebase.credential.mint.duration}</td><td>histogram</td><td>{@code s}</td>
 *       <td>as {@code lakebase.credential.mints}, and {@code lakebase.credential.background}</td></tr>
 *   <tr><td>{@code lakebase.credential.time_to_expiry}</td><td>async gauge</td><td>{@code s}</td>
 *       <td>(no point while there is no credential)</td></tr>
 *   <tr><td>{@code lakebase.connect.attempts}</td><td>counter</td><td>{@code {attempt}}</td>
 *       <td>{@code lakebase.connect.outcome=success|retrying|failed}, {@code error.type} (the
 *       failure kind, e.g. {@code cold_start}, {@code dns}) unless it succeeded</td></tr>
 *   <tr><td>{@code lakebase.connect.retries}</td><td>counter</td><td>{@code {retry}}</td>
 *       <td>{@code error.type}: why the attempt before the retry failed</td></tr>
 *   <tr><td>{@code lakebase.connect.cold_start.duration}</td><td>histogram</td>
 *       <td>{@code s}</td><td></td></tr>
 * </table>
 *
 * <p>Common attributes: {@code db.system.name=postgresql}, {@code lakebase.target} (the target
 * description, e.g. {@code Autoscaling endpoint projects/p/branches/b/endpoints/e}), and for a
 * pool {@code db.client.connection.pool.name}. The pool and credential gauges exist only for a
 * bound pool; a plain {@link #listener} records the event instruments.
 */
public final class LakebaseOpenTelemetry {

  /** The instrumentation scope (meter name) of every instrument. */
  public static final String INSTRUMENTATION_SCOPE = "dev.lakebase.opentelemetry";

  private LakebaseOpenTelemetry() {}

  /**
   * Records a pool's connections and credential, and the core's events of its physical connects.
   * Binding the same pool to the same meter provider again has no effect; the asynchronous
   * instruments are closed when the pool closes.
   *
   * @param pool a pool created by {@link LakebasePools}
   * @param openTelemetry where to record (its meter provider)
   * @throws IllegalArgumentException if {@code pool} was not created by {@link LakebasePools}
   */
  public static void bind(LakebasePooledDataSource pool, OpenTelemetry openTelemetry) {
    Objects.requireNonNull(pool, "pool");
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    LakebasePools.addListener(pool,
        Map.entry(LakebaseOpenTelemetry.class, openTelemetry.getMeterProvider()),
        () -> OtelInstruments.forPool(openTelemetry, pool));
  }

  /**
   * A listener for a plain {@code LakebaseDataSource} (or the driver, through {@code
   * LakebaseConfig.Builder.listener}): records mints, connect attempts, retries and cold-start
   * waits, with the target of each event as {@code lakebase.target}.
   *
   * @param openTelemetry where to record (its meter provider)
   * @return the listener
   */
  public static LakebaseListener listener(OpenTelemetry openTelemetry) {
    return OtelInstruments.forEvents(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }
}
