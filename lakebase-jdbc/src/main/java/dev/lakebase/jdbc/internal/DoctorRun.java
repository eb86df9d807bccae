package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.service.database.DatabaseInstance;
import com.databricks.sdk.service.database.DatabaseInstanceState;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.iam.MeRequest;
import com.databricks.sdk.service.iam.User;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointHosts;
import com.databricks.sdk.service.postgres.EndpointStatus;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.doctor.Check;
import dev.lakebase.jdbc.doctor.CheckResult;
import dev.lakebase.jdbc.doctor.CheckStatus;
import dev.lakebase.jdbc.integration.DurationText;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * One run of {@code lakebase doctor} (the API is {@code dev.lakebase.jdbc.doctor.LakebaseDoctor}):
 * each {@link Check} in order, timed, with a plain-words cause and fix for a failure. A step whose
 * input an earlier step failed to produce is skipped; the others still run, so one report shows as
 * much as can be known (a DNS failure does not hide whether minting works).
 *
 * <p>It uses the same parts as a connect where they are the thing being checked (the parsed
 * configuration, the host resolver, the credential providers, {@link LakebaseDataSource} for the
 * login with its cold-start retries), and calls the workspace API itself where a connect would
 * hide the step (identity, endpoint state). Every text is redacted against the secrets it knows.
 */
public final class DoctorRun {

  /** The fixes that apply to more than one step. */
  private static final String CHECK_AUTH = "set databricksHost and one of databricksProfile (a"
      + " ~/.databrickscfg profile, e.g. written by `databricks auth login --host <workspace URL>"
      + " --profile <name>`), databricksToken, or databricksClientId + databricksClientSecret; or"
      + " the DATABRICKS_* environment variables";

  /**
   * What a run found, for the API to wrap.
   *
   * @param target what was checked
   * @param results one result per check, in order
   * @param total the run's time
   * @param coldStart the login's wait for a suspended endpoint, if any
   * @param libpq the libpq settings found ({@code host}, {@code port}, {@code dbname}, {@code
   *     user}, {@code sslmode})
   * @param token the minted token, only when asked to keep it
   */
  public record Outcome(String target, List<CheckResult> results, Duration total,
      Optional<Duration> coldStart, Map<String, String> libpq, Optional<String> token) {}

  /** A step's result before timing. */
  private record Found(CheckStatus status, String detail, String cause, String fix) {}

  /** A step's failure: the cause and the fix in plain words. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    private final String fix;

    Failed(String cause, String fix) {
      super(cause, null, false, false);
      this.fix = fix;
    }
  }

  @FunctionalInterface
  private interface Body {
    Found run() throws Exception;
  }

  private final Supplier<LakebaseConfig> configuration;
  private final boolean keepToken;
  private final Map<Check, CheckResult> results = new EnumMap<>(Check.class);
  /** Checks that failed or were skipped for want of an input: their dependents are skipped. */
  private final Set<Check> unavailable = EnumSet.noneOf(Check.class);
  private final List<String> secrets = new ArrayList<>();
  private final Map<String, String> libpq = new LinkedHashMap<>();
  private String target;

  private LakebaseConfig config;
  private boolean ownCredentials;
  private boolean needWorkspace;
  private WorkspaceClient workspace;
  private String workspaceHost;
  private String identity;
  private String loginUser;
  private String endpointPath;
  private String host;
  private InetAddress[] addresses;
  private Socket tcp;
  private DatabaseCredential credential;
  private Duration coldStart;
  /** The endpoint step saw a suspended or starting compute. */
  private boolean sawSuspended;
  private Connection connection;

  private DoctorRun(Supplier<LakebaseConfig> configuration, String described, boolean keepToken) {
    this.configuration = configuration;
    this.target = described;
    this.keepToken = keepToken;
  }

  /**
   * Runs every check.
   *
   * @param configuration builds the configuration (its failure is the first check's)
   * @param described what to call the target while the configuration is unknown (redacted)
   * @param keepToken whether to return the minted token
   * @return what was found
   */
  public static Outcome run(Supplier<LakebaseConfig> configuration, String described,
      boolean keepToken) {
    return new DoctorRun(configuration, described, keepToken).run();
  }

  /**
   * A URL with the values of secret parameters ({@code databricksToken=}, {@code password=},
   * ...) replaced, for reports about a URL that did not parse.
   *
   * @param url the URL
   * @return the redacted URL
   */
  public static String redactUrl(String url) {
    StringBuilder out = new StringBuilder();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([?&;])([^=&;]*)=([^&;]*)").matcher(url);
    while (m.find()) {
      String value = Secrets.isSecretName(m.group(2)) ? Secrets.REDACTED : m.group(3);
      m.appendReplacement(out,
          java.util.regex.Matcher.quoteReplacement(m.group(1) + m.group(2) + "=" + value));
    }
    m.appendTail(out);
    return Secrets.redact(out.toString());
  }

  private Outcome run() {
    long start = System.nanoTime();
    LakebaseDataSource login = null;
    try {
      step(Check.CONFIGURATION, this::configuration);
      step(Check.WORKSPACE, this::workspace, Check.CONFIGURATION);
      step(Check.IDENTITY, this::identity, Check.CONFIGURATION);
      step(Check.ENDPOINT, this::endpoint, Check.CONFIGURATION);
      step(Check.DNS, this::dns, Check.ENDPOINT);
      step(Check.TCP, this::tcp, Check.DNS);
      step(Check.TLS, this::tls, Check.TCP);
      step(Check.CREDENTIAL, this::credential, Check.IDENTITY, Check.ENDPOINT);
      LakebaseDataSource[] opened = new LakebaseDataSource[1];
      step(Check.LOGIN, () -> login(opened), Check.IDENTITY, Check.TCP, Check.TLS,
          Check.CREDENTIAL);
      login = opened[0];
      step(Check.QUERY, this::query, Check.LOGIN);
      step(Check.SERVER_VERSION, this::serverVersion, Check.LOGIN);
    } finally {
      closeQuietly(tcp);
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          // the report is done; nothing to add
        }
      }
      if (login != null) {
        login.close();
      }
    }
    List<CheckResult> ordered = new ArrayList<>();
    for (Check c : Check.values()) {
      ordered.add(results.get(c));
    }
    Optional<String> token = keepToken && credential != null && !ownCredentials
        ? Optional.of(credential.token()) : Optional.empty();
    return new Outcome(target, ordered, Duration.ofNanos(System.nanoTime() - start),
        Optional.ofNullable(coldStart), libpq, token);
  }

  private void step(Check check, Body body, Check... needs) {
    List<String> missing = Arrays.stream(needs).filter(unavailable::contains)
        .map(Check::label).collect(Collectors.toList());
    if (!missing.isEmpty()) {
      unavailable.add(check);
      results.put(check, new CheckResult(check, CheckStatus.SKIP, Duration.ZERO,
          "needs " + String.join(", ", missing), Optional.empty(), Optional.empty()));
      return;
    }
    long start = System.nanoTime();
    Found found;
    try {
      found = body.run();
    } catch (Failed f) {
      found = new Found(CheckStatus.FAIL, "", f.getMessage(), f.fix);
    } catch (Exception | LinkageError e) {
      found = new Found(CheckStatus.FAIL, "", "unexpected " + e.getClass().getSimpleName() + ": "
          + e.getMessage(), null);
    }
    Duration time = Duration.ofNanos(System.nanoTime() - start);
    if (found.status() == CheckStatus.FAIL) {
      unavailable.add(check);
    }
    results.put(check, new CheckResult(check, found.status(), time, redact(found.detail()),
        Optional.ofNullable(found.cause()).map(this::redact),
        Optional.ofNullable(found.fix()).map(this::redact)));
  }

  // ---- the checks -------------------------------------------------------------------------

  private Found configuration() throws Failed {
    try {
      config = configuration.get();
    } catch (LakebaseConfigException e) {
      throw new Failed(e.getMessage(), "fix " + e.key() + ". The URL forms are"
          + " jdbc:lakebase:projects/{p}/branches/{b}/endpoints/{e}, ...projects/{p}/branches/{b},"
          + " ...instances/{name} and jdbc:lakebase://{host}[:{port}][/{database}], each with"
          + " ?key=value&... settings");
    }
    target = config.describeTarget();
    config.workspaceAuth().token().ifPresent(secrets::add);
    config.workspaceAuth().clientSecret().ifPresent(secrets::add);
    ownCredentials = config.credentialProvider().isPresent();
    if (config.credentialProvider().orElse(null) instanceof StaticCredentialProvider p) {
      secrets.add(p.mint().token());
    }
    needWorkspace = !ownCredentials || config.host().isEmpty() || config.user().isEmpty();
    libpq.put("port", Integer.toString(config.port()));
    libpq.put("dbname", config.database());
    libpq.put("sslmode", config.sslMode().pgValue());
    String auth = config.workspaceClient().isPresent() ? "a supplied WorkspaceClient"
        : config.workspaceAuth().equals(dev.lakebase.jdbc.WorkspaceAuth.DEFAULT)
            ? "Databricks unified auth (DATABRICKS_* variables, ~/.databrickscfg)"
            : config.workspaceAuth().toString();
    return pass(target + "; user " + config.user().orElse("= the workspace identity")
        + "; database " + config.database() + "; sslmode " + config.sslMode().pgValue()
        + (ownCredentials ? "; own credentials, no token minting" : "; workspace client: " + auth));
  }

  private Found workspace() throws Failed {
    if (!needWorkspace) {
      return skip("not needed: password, host and user are set");
    }
    // Kept in the field only once it answered: later steps skip without a working client.
    WorkspaceClient w;
    if (config.workspaceClient().isPresent()) {
      w = config.workspaceClient().get();
    } else {
      try {
        w = new WorkspaceClient(config.workspaceAuth().toDatabricksConfig());
      } catch (RuntimeException e) {
        throw new Failed("Databricks unified auth found no usable configuration: "
            + e.getMessage(), CHECK_AUTH);
      }
    }
    workspaceHost = w.config().getHost();
    String authType = w.config().getAuthType();
    User me;
    try {
      me = w.currentUser().me(new MeRequest());
    } catch (RuntimeException e) {
      DatabricksError error = databricksError(e);
      if (error != null && (error.getStatusCode() == 401 || error.getStatusCode() == 403)) {
        throw new Failed("the workspace " + workspaceHost + " rejected the credentials of auth"
            + " type " + authType + " (" + http(error) + ")", authFix(authType));
      }
      if (error == null) {
        throw new Failed("could not reach the workspace " + workspaceHost + " ("
            + e.getMessage() + ")", "check databricksHost (the workspace URL, e.g."
            + " https://<workspace>.cloud.databricks.com) and the network or proxy (HTTPS_PROXY)"
            + " between this machine and the workspace");
      }
      throw new Failed("the workspace " + workspaceHost + " failed the identity lookup ("
          + http(error) + ")", "retry; if it persists, check the workspace's status");
    }
    identity = me.getUserName();
    if (identity == null || identity.isBlank()) {
      throw new Failed("the workspace returned no user name for this identity",
          "set user to the role to log in as");
    }
    workspace = w;
    return pass(workspaceHost + " (auth " + authType + ") answered as " + identity);
  }

  private Found identity() throws Failed {
    Optional<String> configured = config.user();
    if (configured.isEmpty()) {
      if (identity == null) {
        unavailable.add(Check.IDENTITY);
        return skip("needs workspace");
      }
      loginUser = identity;
      libpq.put("user", loginUser);
      return pass("logs in as " + identity + " (the workspace identity)");
    }
    loginUser = configured.get();
    libpq.put("user", loginUser);
    if (identity != null && !identity.equals(loginUser) && !ownCredentials) {
      return new Found(CheckStatus.WARN, "logs in as " + loginUser + " (set by user)",
          "tokens are minted for the workspace identity " + identity + ": Lakebase rejects them"
              + " for the role " + loginUser,
          "remove user (the workspace identity is the default) or set it to " + identity);
    }
    return pass("logs in as " + loginUser
        + (identity != null ? " (= the workspace identity)" : " (set by user)"));
  }

  private Found endpoint() throws Failed {
    LakebaseTarget t = config.target();
    if (t instanceof LakebaseTarget.Host) {
      host = config.host().orElseThrow();
      libpq.put("host", host);
      return skip("explicit host " + host + ": nothing to look up");
    }
    if (workspace == null) {
      if (config.host().isPresent()) {
        host = config.host().get();
        libpq.put("host", host);
        return skip("host " + host + " is set; no workspace to check the endpoint with");
      }
      unavailable.add(Check.ENDPOINT);
      return skip("needs workspace");
    }
    Found found;
    if (t instanceof LakebaseTarget.Instance i) {
      found = instance(i.name());
    } else {
      Endpoint e = t instanceof LakebaseTarget.Branch b ? branchEndpoint(b) : endpoint(
          ((LakebaseTarget.Endpoint) t).path());
      endpointPath = e.getName() != null ? e.getName() : ((LakebaseTarget.Endpoint) t).path();
      found = endpointState(e);
    }
    if (config.host().isPresent() && !config.readOnly()) {
      String discovered = host;
      host = config.host().get();
      if (!host.equals(discovered)) {
        found = new Found(found.status(), found.detail() + "; connects to host " + host
            + " (set by host)", found.cause(), found.fix());
      }
    }
    libpq.put("host", host);
    return found;
  }

  private Endpoint endpoint(String path) throws Failed {
    try {
      return workspace.postgres().getEndpoint(new GetEndpointRequest().setName(path));
    } catch (RuntimeException e) {
      throw lookupFailure(e, "Lakebase endpoint " + path, ConfigKey.ENDPOINT.display()
          + ": the full path projects/<project-id>/branches/<branch-id>/endpoints/<endpoint-id> of"
          + " an endpoint in this workspace");
    }
  }

  private Endpoint branchEndpoint(LakebaseTarget.Branch b) throws Failed {
    try {
      for (Endpoint e : workspace.postgres().listEndpoints(
          new ListEndpointsRequest().setParent(b.path()))) {
        if (e.getStatus() != null
            && e.getStatus().getEndpointType() == EndpointType.ENDPOINT_TYPE_READ_WRITE) {
          return e;
        }
      }
    } catch (RuntimeException e) {
      throw lookupFailure(e, "Lakebase branch " + b.path(), "project and branch");
    }
    throw new Failed("Lakebase branch " + b.path() + " has no READ_WRITE endpoint",
        "check project and branch, or set endpoint to one of the branch's endpoints");
  }

  private Found endpointState(Endpoint e) throws Failed {
    EndpointStatus status = e.getStatus();
    String name = "endpoint " + endpointPath;
    if (status == null) {
      throw new Failed("the workspace returned " + name + " without a status",
          "retry; the endpoint may be being created");
    }
    if (Boolean.TRUE.equals(status.getDisabled())) {
      throw new Failed(name + " is disabled: it does not wake on connect",
          "enable the endpoint (Lakebase UI or API), then retry");
    }
    EndpointHosts hosts = status.getHosts();
    host = hosts == null ? null : config.readOnly() ? hosts.getReadOnlyHost() : hosts.getHost();
    String type = status.getEndpointType() == null ? "" : ", "
        + status.getEndpointType().name().replace("ENDPOINT_TYPE_", "");
    if (host == null || host.isBlank()) {
      if (config.host().isEmpty()) {
        throw config.readOnly()
            ? new Failed(name + " has no read-only host", "unset readOnly or add a read replica")
            : new Failed(name + " reports no host yet (it is being created)",
                "wait until the endpoint is ACTIVE or IDLE in the Lakebase UI, then retry");
      }
      host = config.host().get();
    }
    EndpointStatusState state = status.getCurrentState();
    String where = type + ", host " + host;
    if (state == null) {
      return pass("state unknown" + where);
    }
    return switch (state) {
      case ACTIVE -> pass("ACTIVE" + where);
      case IDLE -> {
        sawSuspended = true;
        yield pass("IDLE (suspended: the first login wakes it)" + where);
      }
      case INIT -> {
        sawSuspended = true;
        yield pass("INIT (starting)" + where);
      }
      default -> new Found(CheckStatus.WARN, state + where,
          "the workspace reports the endpoint as " + state,
          "logins may fail or be slow until it is ACTIVE; check the endpoint in the Lakebase UI");
    };
  }

  private Found instance(String name) throws Failed {
    DatabaseInstance instance;
    try {
      instance = workspace.database().getDatabaseInstance(
          new GetDatabaseInstanceRequest().setName(name));
    } catch (RuntimeException e) {
      throw lookupFailure(e, "Lakebase instance " + name, ConfigKey.INSTANCE.display()
          + ": the name of a database instance in this workspace");
    }
    host = config.readOnly() ? instance.getReadOnlyDns() : instance.getReadWriteDns();
    if (host == null || host.isBlank()) {
      if (config.host().isEmpty()) {
        throw config.readOnly()
            ? new Failed("instance " + name + " has no read-only host",
                "unset readOnly or add a readable secondary")
            : new Failed("instance " + name + " reports no host yet",
                "wait until the instance is AVAILABLE, then retry");
      }
      host = config.host().get();
    }
    DatabaseInstanceState state = instance.getState();
    String where = ", host " + host;
    if (state == null || state == DatabaseInstanceState.AVAILABLE) {
      return pass((state == null ? "state unknown" : "AVAILABLE") + where);
    }
    if (state == DatabaseInstanceState.DELETING) {
      throw new Failed("instance " + name + " is being deleted", "use another instance");
    }
    return new Found(CheckStatus.WARN, state + where, "the instance is " + state,
        "logins may fail until it is AVAILABLE; start it or wait for it in the workspace");
  }

  private Found dns() throws Failed {
    if (host == null) {
      unavailable.add(Check.DNS);
      return skip("needs endpoint");
    }
    if (TlsProbe.isIpLiteral(host)) {
      try {
        addresses = InetAddress.getAllByName(host);
      } catch (UnknownHostException e) {
        throw new Failed("'" + host + "' is not a valid address", "check host");
      }
      return pass(host + " is an IP address (Lakebase routes by host name: SNI will be missing)");
    }
    HostResolver resolver = config.hostResolver();
    if (resolver != HostResolver.system()) {
      long t0 = System.nanoTime();
      try {
        addresses = resolver.resolve(host);
      } catch (UnknownHostException e) {
        throw new Failed(host + " does not resolve with the configured host resolver ("
            + e.getMessage() + ")", dnsFix() + "; and check the host resolver "
            + resolver.getClass().getName());
      }
      return pass(join(addresses) + " in " + since(t0) + " (configured host resolver)");
    }
    long t0 = System.nanoTime();
    InetAddress[] jdk = null;
    String jdkFailure = null;
    try {
      jdk = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      jdkFailure = e.getMessage();
    }
    String jdkTime = since(t0);
    if (jdk != null && isLocalhost(host)) {
      addresses = jdk;
      return pass("JDK " + join(jdk) + " in " + jdkTime + "; no direct DNS query (" + host
          + " is never in DNS)");
    }
    long t1 = System.nanoTime();
    InetAddress[] direct = null;
    String directFailure = null;
    try {
      direct = DnsResolvers.queryDns(host);
    } catch (UnknownHostException e) {
      directFailure = e.getMessage();
    }
    String directTime = since(t1);
    if (jdk != null) {
      addresses = jdk;
      return pass("JDK " + join(jdk) + " in " + jdkTime + "; direct DNS "
          + (direct != null ? join(direct) + " in " + directTime
              : "failed (" + directFailure + "), not needed while the JDK lookup works"));
    }
    if (direct != null) {
      addresses = direct;
      return new Found(CheckStatus.WARN, "direct DNS " + join(direct) + " in " + directTime,
          "the JVM's lookup of " + host + " failed (" + jdkFailure + ") but a direct DNS query"
              + " answered: the driver falls back to the direct answer, so connects work, but"
              + " other programs on this machine may not",
          dnsFix());
    }
    throw new Failed(host + " does not resolve: JDK lookup failed (" + jdkFailure
        + "), direct DNS query failed (" + directFailure + ")", dnsFix());
  }

  private Found tcp() throws Failed {
    int port = config.port();
    int timeout = (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis());
    IOException last = null;
    InetAddress lastAddress = null;
    for (InetAddress address : addresses) {
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(address, port), timeout);
        tcp = s;
        return pass(address.getHostAddress() + ":" + port);
      } catch (IOException e) {
        closeQuietly(s);
        last = e;
        lastAddress = address;
      }
    }
    String at = (lastAddress == null ? host : lastAddress.getHostAddress()) + ":" + port;
    if (last instanceof ConnectException) {
      throw new Failed("connection refused at " + at + " (" + last.getMessage() + ")",
          "nothing listens there: check port (PGPORT; Lakebase listens on 5432) and host");
    }
    if (last instanceof SocketTimeoutException) {
      throw new Failed("no answer from " + at + " within connectTimeout "
          + DurationText.format(config.connectTimeout()),
          "a firewall, VPN or proxy may block outbound TCP port " + port + " to " + host);
    }
    throw new Failed("could not connect to " + at + " (" + last + ")",
        "check the network route to " + host);
  }

  private Found tls() throws Failed, IOException {
    SslMode mode = config.sslMode();
    if (mode == SslMode.DISABLE) {
      closeQuietly(tcp);
      return skip("sslmode=disable: no TLS (Lakebase itself requires TLS)");
    }
    boolean verify = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
    boolean javaFactory = config.driverProperties().getOrDefault("sslfactory", "")
        .endsWith("DefaultJavaSSLFactory");
    // Under require pgjdbc verifies nothing: the chain is checked (for information) only against
    // a configured sslrootcert.
    boolean checkChain = verify || config.sslRootCert().isPresent();
    TlsProbe.TrustSource trust = checkChain
        ? TlsProbe.trustSource(config.sslRootCert(), javaFactory)
        : null;
    TlsProbe.Result r;
    Socket socket = tcp;
    tcp = null;
    try {
      r = TlsProbe.probe(socket, host,
          trust, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    } catch (SSLException e) {
      throw new Failed("the TLS handshake with " + host + " failed (" + e.getMessage() + ")",
          "check that host and port are a Lakebase endpoint's; a proxy that intercepts TLS breaks"
              + " the handshake");
    } catch (IOException e) {
      throw new Failed("TLS with " + host + " failed (" + e.getMessage() + ")",
          "check that host and port are a Lakebase endpoint's");
    }
    if (!r.serverSpeaksTls()) {
      throw new Failed("the server at " + host + ":" + config.port() + " refused TLS",
          "this is not a Lakebase endpoint (Lakebase always speaks TLS): check host and port");
    }
    X509Certificate leaf = r.leaf();
    List<String> names = TlsProbe.subjectAltNames(leaf);
    String cert = "certificate " + leaf.getSubjectX500Principal().getName() + " for "
        + (names.isEmpty() ? "(no alternative names)" : String.join(", ", names))
        + ", issued by " + leaf.getIssuerX500Principal().getName() + ", valid until "
        + leaf.getNotAfter().toInstant();
    String detail = r.protocol() + ", " + (r.sniSent() ? "SNI " + host : "no SNI (IP address)")
        + "; " + cert + "; host name " + (r.hostNameMatches() ? "matches" : "does NOT match")
        + "; chain " + (trust == null ? "not verified (sslmode " + mode.pgValue() + ")"
            : r.trustFailure().orElse("trusted by " + trust.description()));
    if (verify && r.trustFailure().isPresent()) {
      throw new Failed("sslmode=" + mode.pgValue() + " and the server's certificate chain is "
          + r.trustFailure().get(), "set sslrootcert to the CA certificate (PEM) that issued"
          + " the server's certificate, or use sslmode=require (encrypted, not verified)");
    }
    if (mode == SslMode.VERIFY_FULL && !r.hostNameMatches()) {
      throw new Failed("sslmode=verify-full and the certificate (for "
          + String.join(", ", names) + ") does not cover the host name " + host,
          "connect with the endpoint's own host name (leave host unset so that it is"
              + " discovered), or use sslmode=verify-ca if you must connect through another name");
    }
    if (!r.sniSent()) {
      return new Found(CheckStatus.WARN, detail, "no SNI was sent because host is an IP"
          + " address: Lakebase routes connections by the host name in SNI",
          "connect with the endpoint's host name");
    }
    return pass(detail);
  }

  private Found credential() throws Failed {
    if (ownCredentials) {
      CredentialProvider provider = config.credentialProvider().get();
      if (provider instanceof StaticCredentialProvider) {
        return skip("password set: logs in with it, no token is minted");
      }
      credential = mint(provider);
      return pass("from the supplied credential provider " + provider.description()
          + expiry(credential));
    }
    if (workspace == null || identity == null) {
      unavailable.add(Check.CREDENTIAL);
      return skip("needs workspace");
    }
    CredentialProvider provider = config.target() instanceof LakebaseTarget.Instance i
        ? CredentialProviders.provisioned(workspace, i.name(), identity)
        : CredentialProviders.autoscaling(workspace, endpointPath, identity);
    credential = mint(provider);
    secrets.add(credential.token());
    return pass("token for " + identity + " scoped to " + (endpointPath != null ? "endpoint "
        + endpointPath : config.describeTarget()) + expiry(credential) + " (not shown)");
  }

  private DatabaseCredential mint(CredentialProvider provider) throws Failed {
    try {
      return provider.mint();
    } catch (CredentialException e) {
      throw new Failed(e.getMessage(), e.isTransient()
          ? "retry: the workspace API failed temporarily"
          : "check that " + identity + " may connect to " + config.describeTarget()
              + " (the project's permissions)");
    }
  }

  private Found login(LakebaseDataSource[] opened) throws Failed {
    if (loginUser == null) {
      loginUser = config.user().orElse(null);
    }
    if (!ownCredentials && credential == null) {
      unavailable.add(Check.LOGIN);
      return skip("needs credential");
    }
    List<ConnectAttemptEvent> attempts = new CopyOnWriteArrayList<>();
    List<ColdStartEvent> wakes = new CopyOnWriteArrayList<>();
    LakebaseConfig.Builder b = config.toBuilder()
        .host(host)
        .readOnly(false)    // host is already the read-only host when readOnly is set
        .listener(new LakebaseListener() {
          @Override
          public void onConnectAttempt(ConnectAttemptEvent event) {
            attempts.add(event);
          }

          @Override
          public void onColdStartWait(ColdStartEvent event) {
            wakes.add(event);
          }
        });
    if (loginUser != null) {
      b.user(loginUser);
    }
    if (addresses != null) {
      InetAddress[] resolved = addresses;
      b.hostResolver(name -> resolved);
    }
    if (!ownCredentials) {
      b.credentialProvider(new MintedOnce(credential));
    }
    LakebaseDataSource ds = new LakebaseDataSource(b.build());
    opened[0] = ds;
    try {
      connection = ds.getConnection();
    } catch (SQLException e) {
      throw loginFailure(e, attempts);
    }
    String as = "logged in as " + (loginUser != null ? loginUser : "the configured user")
        + " to database " + config.database();
    boolean refused = attempts.stream().anyMatch(a -> a.failureKind() == FailureKind.COLD_START);
    if (!wakes.isEmpty() && (refused || sawSuspended)) {
      ColdStartEvent wake = wakes.get(0);
      coldStart = wake.waited();
      return pass("cold start: the endpoint was suspended and woke in " + wake.waited().toMillis()
          + " ms (" + plural(wake.attempts(), "attempt") + "); " + as);
    }
    // A login the server held without a suspended state or a refusal: most likely a slow
    // machine or network, reported as such rather than as a wake.
    String held = wakes.isEmpty() ? "" : "; the server held the login for a while (a busy"
        + " machine or network, or a compute that was waking)";
    return pass(as + (attempts.size() > 1 ? " (" + plural(attempts.size(), "attempt") + ")" : "")
        + held);
  }

  private Failed loginFailure(SQLException e, List<ConnectAttemptEvent> attempts) {
    String state = e.getSQLState();
    FailureKind lastKind = attempts.isEmpty() ? null
        : attempts.get(attempts.size() - 1).failureKind();
    String message = e.getMessage();
    if ("28000".equals(state) || String.valueOf(message).contains("did not match")) {
      return new Failed(message, "set user to " + (identity != null ? identity
          : "the workspace identity") + " (the identity the token is minted for), or remove it");
    }
    if ("28P01".equals(state)) {
      return new Failed(message, "the token must be minted for the compute you connect to:"
          + " check that endpoint (or instance) and host name the same compute, and that user is"
          + " the workspace identity");
    }
    if ("3D000".equals(state)) {
      return new Failed(message, "set database (PGDATABASE) to a database that exists on this"
          + " endpoint; Lakebase's default is databricks_postgres");
    }
    if (lastKind == FailureKind.COLD_START) {
      return new Failed("the endpoint did not wake within connectBudget "
          + DurationText.format(config.connectBudget()) + ": " + attempts.size()
          + " logins were refused, the last with " + attempts.get(attempts.size() - 1).failure(),
          "check the endpoint's state in the Lakebase UI (a"
          + " compute that is disabled, failing or out of quota does not wake on connect), or"
          + " raise connectBudget if it wakes slowly");
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return new Failed(message, "check sslmode and sslrootcert (see the tls check)");
      }
    }
    return new Failed(message, lastKind == null || lastKind == FailureKind.PERMANENT ? null
        : "raise connectBudget, or retry: the failure (" + lastKind + ") is usually transient");
  }

  private Found query() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
      rs.next();
      return pass("returned " + rs.getInt(1));
    }
  }

  private Found serverVersion() throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(
        "select current_setting('server_version'), current_user, current_database()")) {
      rs.next();
      return pass("PostgreSQL " + rs.getString(1) + "; current_user " + rs.getString(2)
          + ", database " + rs.getString(3));
    }
  }

  // ---- helpers ----------------------------------------------------------------------------

  private Failed lookupFailure(RuntimeException e, String resource, String checkKey) {
    DatabricksError error = databricksError(e);
    if (error != null && error.getStatusCode() == 404) {
      return new Failed(resource + " does not exist in the workspace " + workspaceHost + " ("
          + http(error) + ")", "check " + checkKey);
    }
    if (error != null && error.getStatusCode() == 403) {
      return new Failed(identity + " may not read " + resource + " (" + http(error) + ")",
          "ask a workspace admin to give " + identity + " access to the Lakebase project");
    }
    return new Failed(WorkspaceErrors.translate(e, "looking up " + resource, resource, checkKey)
        .getMessage(), null);
  }

  private static String authFix(String authType) {
    if ("pat".equals(authType)) {
      return "the personal access token is wrong, expired or revoked: create a new one, or"
          + " (better) run `databricks auth login --host <workspace URL> --profile <name>` and set"
          + " databricksProfile=<name> instead of databricksToken";
    }
    if ("oauth-m2m".equals(authType)) {
      return "check databricksClientId (the service principal's application id) and"
          + " databricksClientSecret (an OAuth secret of that service principal)";
    }
    if ("databricks-cli".equals(authType)) {
      return "the Databricks CLI's login expired or is for another workspace: run `databricks"
          + " auth login --host <workspace URL>` (with --profile <name> for databricksProfile)";
    }
    return CHECK_AUTH;
  }

  private static String dnsFix() {
    return "check that the host is the endpoint's (it comes from the workspace) and this"
        + " machine's DNS: a VPN or a company DNS may not resolve it; on macOS, flush the"
        + " resolver cache with `sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder`";
  }

  private static DatabricksError databricksError(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof DatabricksError e && !"IO_ERROR".equals(e.getErrorCode())) {
        return e;
      }
    }
    return null;
  }

  private static String http(DatabricksError e) {
    return "HTTP " + e.getStatusCode() + (e.getErrorCode() == null ? "" : " " + e.getErrorCode())
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static String expiry(DatabaseCredential c) {
    Instant at = c.expiresAt();
    if (at == null || at.equals(Instant.MAX)) {
      return "";
    }
    long minutes = Duration.between(Instant.now(), at).toMinutes();
    return ", valid until " + at + " (" + minutes + " min)";
  }

  private String redact(String text) {
    return text == null ? null : Secrets.redact(text, secrets.toArray(String[]::new));
  }

  private static Found pass(String detail) {
    return new Found(CheckStatus.PASS, detail, null, null);
  }

  private static Found skip(String why) {
    return new Found(CheckStatus.SKIP, why, null, null);
  }

  /** RFC 6761: {@code localhost} names resolve locally and are never asked of DNS servers. */
  private static boolean isLocalhost(String name) {
    String n = name.toLowerCase(java.util.Locale.ROOT);
    return n.equals("localhost") || n.endsWith(".localhost");
  }

  private static String join(InetAddress[] addresses) {
    return Arrays.stream(addresses).map(InetAddress::getHostAddress)
        .collect(Collectors.joining(", "));
  }

  private static String plural(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos).toMillis() + " ms";
  }

  private static void closeQuietly(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }

  /** Hands the login the credential the credential check minted, so it is not minted twice. */
  private static final class MintedOnce implements CredentialProvider {
    private final DatabaseCredential credential;
    private final String key = "doctor|" + UUID.randomUUID();

    MintedOnce(DatabaseCredential credential) {
      this.credential = credential;
    }

    @Override
    public DatabaseCredential mint() {
      return credential;
    }

    @Override
    public String cacheKey() {
      return key;
    }

    @Override
    public String description() {
      return "the doctor's credential check";
    }
  }
}
