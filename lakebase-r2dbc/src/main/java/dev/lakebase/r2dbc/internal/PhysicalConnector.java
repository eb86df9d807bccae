package dev.lakebase.r2dbc.internal;

import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.integration.LoginPlan;
import io.r2dbc.postgresql.PostgresqlConnectionConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactory;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.client.SSLMode;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Opens one physical connection through r2dbc-postgresql for a {@link LoginPlan}: the TCP
 * connection goes to an address the core resolved, while TLS keeps the endpoint host name.
 *
 * <p>r2dbc-postgresql resolves its configured host with a blocking JDK lookup on the event loop
 * and derives SNI and the {@code verify-full} check from that name. So the driver is given the
 * resolved address as an IP literal (nothing to look up), and the endpoint name is put back where
 * TLS needs it: as the SNI server name (Lakebase routes by it) and, for {@code verify-full}, as
 * the name the JDK's trust manager checks the certificate against (endpoint identification,
 * which uses the SNI name); the driver's own post-handshake check, which would look up the IP's
 * reverse name, is not used. One r2dbc-postgresql factory is kept per (host, address); user and
 * password come from the subscriber's Reactor context, so every connect logs in with the plan's
 * token.
 */
public final class PhysicalConnector {

  /** Pass-through names this module sets itself: a user value would break the connect path. */
  private static final Set<String> RESERVED = Set.of("socket", "sslmode", "sslparameters",
      "sslsni", "sslhostnameverifier", "protocol", "driver");
  /** Keep at most this many (host, address) factories; addresses rarely change. */
  private static final int MAX_FACTORIES = 32;
  private static final String LOGIN = PhysicalConnector.class.getName() + ".login";

  private record Key(String host, InetAddress address) {}

  private final LakebaseConfig config;
  private final Consumer<PostgresqlConnectionConfiguration.Builder> customizer;
  private final Map<Key, PostgresqlConnectionFactory> factories = new ConcurrentHashMap<>();

  /**
   * Creates the connector and checks the pass-through settings.
   *
   * @param config the configuration
   * @param customizer applied last to every r2dbc-postgresql configuration
   * @throws LakebaseConfigException when a pass-through setting is one this module owns
   */
  public PhysicalConnector(LakebaseConfig config,
      Consumer<PostgresqlConnectionConfiguration.Builder> customizer) {
    this.config = config;
    this.customizer = customizer;
    SeededRandom.INSTANCE.nextInt();
    for (String name : config.driverProperties().keySet()) {
      if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new LakebaseConfigException(name, name + " is set by lakebase-r2dbc (TLS and"
            + " routing follow sslmode and the Lakebase target): remove it");
      }
    }
  }

  /**
   * One physical attempt: the plan's addresses in order (the next one only when the TCP connect
   * to the previous failed), TLS, login, all within {@code timeout}.
   *
   * @param plan what the core prepared
   * @param timeout the attempt's time
   * @return the connection; fails with the driver's exception, or a {@link
   *     SocketTimeoutException} when the time ran out
   */
  public Mono<PostgresqlConnection> connect(LoginPlan plan, Duration timeout) {
    List<InetAddress> addresses = plan.addresses();
    Mono<PostgresqlConnection> connect = open(plan, addresses.get(0));
    for (int i = 1; i < addresses.size(); i++) {
      InetAddress next = addresses.get(i);
      connect = connect.onErrorResume(R2dbcFailures::isTcpConnectFailure, e -> open(plan, next));
    }
    return connect.timeout(timeout, Mono.error(() -> new SocketTimeoutException(
        "connect attempt to " + plan.host() + " timed out after " + timeout.toMillis() + " ms")));
  }

  private Mono<PostgresqlConnection> open(LoginPlan plan, InetAddress address) {
    Key key = new Key(plan.host(), address);
    PostgresqlConnectionFactory factory = factories.get(key);
    if (factory == null) {
      if (factories.size() >= MAX_FACTORIES) {
        factories.clear();
      }
      factory = factories.computeIfAbsent(key, this::newFactory);
    }
    return factory.create().contextWrite(Context.of(LOGIN, plan));
  }

  private PostgresqlConnectionFactory newFactory(Key key) {
    ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.builder()
        .option(ConnectionFactoryOptions.DRIVER, PostgresqlConnectionFactoryProvider.POSTGRESQL_DRIVER)
        .option(ConnectionFactoryOptions.HOST, key.address().getHostAddress())
        .option(ConnectionFactoryOptions.PORT, config.port())
        .option(ConnectionFactoryOptions.DATABASE, config.database())
        // Replaced below by the plan's user; the driver's option parsing requires one.
        .option(ConnectionFactoryOptions.USER, "lakebase");
    config.driverProperties().forEach((name, value) -> options.option(Option.valueOf(name), value));
    PostgresqlConnectionConfiguration.Builder builder =
        PostgresqlConnectionFactoryProvider.builder(options.build());
    builder.username(Mono.deferContextual(ctx -> Mono.just(ctx.<LoginPlan>get(LOGIN).user())));
    builder.password(Mono.deferContextual(
        ctx -> Mono.<CharSequence>just(ctx.<LoginPlan>get(LOGIN).password())));
    builder.connectTimeout(config.connectTimeout());
    if (!config.driverProperties().containsKey("tcpKeepAlive")) {
      builder.tcpKeepAlive(true);
    }
    config.applicationName().ifPresent(builder::applicationName);
    SslMode mode = config.sslMode();
    builder.sslMode(switch (mode) {
      case DISABLE -> SSLMode.DISABLE;
      case REQUIRE -> SSLMode.REQUIRE;
      // verify-full: the certificate is checked against the SNI name by the JDK (below).
      case VERIFY_CA, VERIFY_FULL -> SSLMode.VERIFY_CA;
    });
    config.sslRootCert().ifPresent(builder::sslRootCert);
    // The driver would add the IP literal as a second SNI name: the endpoint name is set below.
    builder.sslSni(false);
    // r2dbc-postgresql builds a TLS context per connection, on the event loop; without a
    // SecureRandom of its own, the JDK seeds a new one from /dev/urandom (a blocking read there).
    builder.sslContextBuilderCustomizer(ssl -> ssl.secureRandom(SeededRandom.INSTANCE));
    if (mode != SslMode.DISABLE) {
      String host = key.host();
      boolean checkName = mode == SslMode.VERIFY_FULL;
      builder.sslParameters(socketAddress -> tlsParameters(host, checkName));
    }
    customizer.accept(builder);
    return new PostgresqlConnectionFactory(builder.build());
  }

  /**
   * TLS parameters that send {@code host} as SNI and, when asked, have the JDK check the
   * certificate against it (HTTPS endpoint identification uses the SNI name on the client).
   *
   * @param host the endpoint host name
   * @param checkName whether to verify the certificate's name ({@code verify-full})
   * @return the parameters
   */
  /** A DRBG seeded once, off the event loop (when the first factory is built). */
  private static final class SeededRandom {
    static final SecureRandom INSTANCE = seeded();

    private static SecureRandom seeded() {
      SecureRandom random;
      try {
        random = SecureRandom.getInstance("DRBG");
      } catch (NoSuchAlgorithmException e) {
        random = new SecureRandom();
      }
      random.nextBytes(new byte[16]);
      return random;
    }
  }

  static SSLParameters tlsParameters(String host, boolean checkName) {
    SSLParameters parameters = new SSLParameters();
    if (isSniName(host)) {
      parameters.setServerNames(List.of(new SNIHostName(host)));
    }
    if (checkName) {
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
    }
    return parameters;
  }

  private static boolean isSniName(String host) {
    // SNI carries DNS names only, never IP literals.
    return host.indexOf(':') < 0 && !host.matches("[0-9.]+") && !host.endsWith(".");
  }
}
