package dev.lakebase.r2dbc;

import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.ConnectAttempts;
import dev.lakebase.jdbc.integration.LakebaseConnectSupport;
import dev.lakebase.jdbc.integration.LoginPlan;
import dev.lakebase.jdbc.integration.RetryDecision;
import dev.lakebase.r2dbc.internal.PhysicalConnector;
import dev.lakebase.r2dbc.internal.R2dbcFailures;
import dev.lakebase.r2dbc.internal.R2dbcUrls;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Closeable;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * An R2DBC {@link ConnectionFactory} for Lakebase over r2dbc-postgresql. Every {@link #create()}
 * opens a new physical connection whose password is a currently valid, endpoint-scoped token from
 * the core's process-wide credential cache, the same cache the JDBC side uses, so one mint serves
 * both in one process. The endpoint host is discovered and cached, resolved through the core's
 * resolver (direct DNS fallback, last known good address), and kept for TLS SNI and {@code
 * verify-full}. Transient failures (DNS, refused or reset connections, {@code 57P03} while the
 * endpoint wakes, workspace API 429/5xx) are retried with the core's backoff within {@code
 * connectBudget} on timers, never by blocking a thread; minting and discovery run on the core's
 * workspace-call threads, off the event loop. Permanent failures fail at once with the core's
 * message.
 *
 * <p>It does not pool: wrap it with {@link LakebaseConnectionPools#create} (r2dbc-pool with
 * Lakebase defaults). Create one per target and keep it; {@link #close()} releases the shared
 * cache's hold.
 *
 * <pre>{@code
 * LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(
 *     LakebaseConfig.builder().endpoint("projects/p/branches/main/endpoints/primary").build());
 * ConnectionPool pool = LakebaseConnectionPools.create(factory);
 * }</pre>
 */
public final class LakebaseConnectionFactory implements ConnectionFactory, Closeable, Disposable {

  private final LakebaseConfig config;
  private final LakebaseConnectSupport support;
  private final PhysicalConnector physical;

  private LakebaseConnectionFactory(Builder b) {
    LakebaseConfig.Builder withListeners = b.config.toBuilder();
    b.listeners.forEach(withListeners::listener);
    this.config = b.listeners.isEmpty() ? b.config : withListeners.build();
    this.physical = new PhysicalConnector(config, b.customizer);
    this.support = LakebaseConnectSupport.create(config);
  }

  /**
   * A factory for a configuration.
   *
   * @param config the configuration
   * @return the factory; nothing is looked up before the first connect
   */
  public static LakebaseConnectionFactory create(LakebaseConfig config) {
    return builder(config).build();
  }

  /**
   * A factory for an {@code r2dbc:lakebase:} URL, with the environment underneath (URL settings
   * win), as the JDBC driver does.
   *
   * @param url e.g. {@code r2dbc:lakebase:projects/p/branches/main/endpoints/primary?connectBudget=20s}
   * @return the factory
   * @throws LakebaseConfigException if the URL or a setting is invalid
   */
  public static LakebaseConnectionFactory create(String url) {
    return create(configBuilder(url).build());
  }

  /**
   * A configuration builder holding the environment and an {@code r2dbc:lakebase:} URL's
   * settings, to add what a URL cannot carry (a workspace client, a host resolver, listeners).
   *
   * @param url the URL, in the {@code jdbc:lakebase:} grammar ({@code
   *     r2dbc:lakebase:projects/{p}/...}) or the R2DBC SPI form ({@code
   *     r2dbc:lakebase:projects://{p}/...})
   * @return the builder
   * @throws LakebaseConfigException if the URL is malformed
   */
  public static LakebaseConfig.Builder configBuilder(String url) {
    return R2dbcUrls.configBuilder(url);
  }

  /**
   * A builder for a configuration.
   *
   * @param config the configuration
   * @return the builder
   */
  public static Builder builder(LakebaseConfig config) {
    return new Builder(config);
  }

  /**
   * Opens a physical connection with a currently valid token, retrying transient failures within
   * {@code connectBudget}. Nothing happens until subscription; cancelling stops the retries.
   *
   * @return the connection; fails with an {@link io.r2dbc.spi.R2dbcTransientResourceException}
   *     when the budget ran out, {@link io.r2dbc.spi.R2dbcPermissionDeniedException} for a login
   *     rejected twice, {@link io.r2dbc.spi.R2dbcNonTransientResourceException} otherwise, each
   *     with the core's message saying what to fix
   */
  @Override
  public Mono<PostgresqlConnection> create() {
    return Mono.defer(() -> attempt(support.begin()));
  }

  private Mono<PostgresqlConnection> attempt(ConnectAttempts attempts) {
    return Mono.fromFuture(attempts::prepare)
        .flatMap(plan -> physical.connect(plan, attempts.attemptTimeout())
            .onErrorMap(e -> new AttemptFailed(plan, e)))
        .doOnNext(connection -> attempts.succeeded())
        .onErrorResume(e -> {
          RetryDecision decision = e instanceof AttemptFailed a
              ? attempts.failed(R2dbcFailures.classify(a.getCause(), a.plan.password()))
              : attempts.failed(e);
          if (!decision.retry()) {
            return Mono.error(R2dbcFailures.toR2dbc(decision));
          }
          return Mono.delay(decision.delay()).then(Mono.defer(() -> attempt(attempts)));
        });
  }

  /** Carries the plan of a failed attempt to the decision, for the token to redact. */
  private static final class AttemptFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient LoginPlan plan;

    AttemptFailed(LoginPlan plan, Throwable cause) {
      super(null, cause, false, false);
      this.plan = plan;
    }
  }

  /**
   * Metadata of the underlying driver ({@code PostgreSQL}), so that tools such as Spring Data
   * R2DBC pick the PostgreSQL dialect.
   *
   * @return the metadata
   */
  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return METADATA;
  }

  /** r2dbc-postgresql's metadata class is not public; its name is what tools match. */
  private static final ConnectionFactoryMetadata METADATA = () -> "PostgreSQL";

  /**
   * The configuration.
   *
   * @return the configuration
   */
  public LakebaseConfig config() {
    return config;
  }

  /**
   * The shared credential cache's status (time to expiry, last mint), for health checks and
   * metrics.
   *
   * @return the status
   */
  public CredentialStatus credentialStatus() {
    return support.credentialStatus();
  }

  /**
   * Releases the shared credential cache; connects still retrying fail at their next step.
   *
   * @return completes at once
   */
  @Override
  public Mono<Void> close() {
    return Mono.fromRunnable(support::close);
  }

  /** Same as subscribing to {@link #close()}. */
  @Override
  public void dispose() {
    support.close();
  }

  @Override
  public boolean isDisposed() {
    return support.isClosed();
  }

  @Override
  public String toString() {
    return "LakebaseConnectionFactory[" + config.describeTarget() + "]";
  }

  /** Builds a {@link LakebaseConnectionFactory}. */
  public static final class Builder {

    private final LakebaseConfig config;
    private final List<LakebaseListener> listeners = new ArrayList<>();
    private Consumer<PostgresqlConnectionConfiguration.Builder> customizer = b -> {};

    private Builder(LakebaseConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adjusts every r2dbc-postgresql configuration this factory builds (codecs, extensions,
     * statement timeouts, loop resources, ...). Applied after the Lakebase settings: do not change
     * host, port, user, password or TLS there.
     *
     * @param customizer the customizer
     * @return this builder
     */
    public Builder customizer(Consumer<PostgresqlConnectionConfiguration.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /**
     * Adds a listener for this factory's events only (connect attempts, cold starts, and the
     * mints of the shared cache), on top of the configuration's; the credential cache stays the
     * one shared with every other user of the target.
     *
     * @param listener the listener, e.g. {@link LakebaseR2dbcMetrics}
     * @return this builder
     */
    public Builder listener(LakebaseListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Builds the factory.
     *
     * @return the factory
     * @throws LakebaseConfigException when a pass-through setting is one this module owns
     */
    public LakebaseConnectionFactory build() {
      return new LakebaseConnectionFactory(this);
    }
  }
}
