package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.RejectReason;
import dev.lakebase.testkit.internal.Computes.Route;
import dev.lakebase.testkit.internal.LoginRules.Refusal;
import dev.lakebase.testkit.internal.PgMessages.Message;
import dev.lakebase.testkit.internal.PgMessages.StartupPacket;
import dev.lakebase.testkit.internal.TokenAuthority.MintedToken;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection to the proxy: TLS negotiation, routing, the wake behaviour, the token
 * check at login, then a byte relay to the embedded PostgreSQL until either side closes. The
 * token is checked only here, at login: a session outlives its token, as on Lakebase.
 */
final class PgSession {

  private static final Logger log = LoggerFactory.getLogger(PgSession.class);
  private static final int STARTUP_TIMEOUT_MILLIS = 60_000;
  private static final int TLS_RECORD = 0x16;

  private final PgProxy proxy;
  private final Socket raw;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile Socket client;
  private volatile Socket backend;
  private volatile String sni;
  private Compute compute;
  private Instant openedAt;
  private String identity;
  private String tokenFingerprint;

  /** The compute of the direct port this connection came in on, or null (the shared port). */
  private final Route portRoute;

  PgSession(Socket raw, PgProxy proxy, Route portRoute) {
    this.raw = raw;
    this.client = raw;
    this.proxy = proxy;
    this.portRoute = portRoute;
  }

  Duration age(Instant now) {
    return openedAt == null ? Duration.ZERO : Duration.between(openedAt, now);
  }

  void run() {
    try {
      serve();
    } catch (EOFException e) {
      log.debug("client closed the connection during startup");
    } catch (IOException e) {
      if (!closed.get()) {
        log.debug("session ended: {}", e.toString());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("PostgreSQL proxy session failed", e);
    } finally {
      kill();
      if (compute != null && openedAt != null) {
        compute.sessionClosed(this);
      }
      proxy.ended(this);
    }
  }

  /** Drops the connection at the TCP level on both sides, like a compute going away. */
  void kill() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(raw);
      closeQuietly(client);
      closeQuietly(backend);
    }
  }

  private void serve() throws IOException, InterruptedException {
    raw.setTcpNoDelay(true);
    raw.setSoTimeout(STARTUP_TIMEOUT_MILLIS);
    StartupPacket startup = negotiate();
    if (startup == null) {
      return;
    }
    Map<String, String> params = startup.parameters();
    String user = params.getOrDefault("user", "");
    if (startup.code() >> 16 != PgMessages.PROTOCOL_3_MAJOR) {
      refuse(null, user, null, null, LoginRules.protocol("0A000",
          "unsupported frontend protocol " + (startup.code() >> 16) + "." + (startup.code() & 0xffff)));
      return;
    }
    Route route;
    try {
      route = proxy.computes().route(sni, portRoute, params.get("options")).orElse(null);
    } catch (IllegalArgumentException unknownEndpointId) {
      refuse(null, user, null, null, LoginRules.endpointNotFound(unknownEndpointId.getMessage(), proxy.computes()));
      return;
    }
    if (route == null) {
      refuse(null, user, null, null, LoginRules.endpointNotSpecified());
      return;
    }
    Compute target = route.compute();
    if (route.pooled()) {
      refuse(target, user, null, null, LoginRules.pooledHost(route));
      return;
    }
    long admittedEpoch = target.admitLogin();
    if (admittedEpoch < 0) {
      refuse(target, user, null, null, LoginRules.waking());
      return;
    }
    OutputStream out = client.getOutputStream();
    out.write(PgMessages.cleartextPasswordRequest());
    out.flush();
    DataInputStream in = new DataInputStream(client.getInputStream());
    Message reply = PgMessages.readMessage(in);
    if (reply.type() == 'X') {
      return; // the client had no password to give (psql asks, then reconnects)
    }
    if (reply.type() != 'p') {
      refuse(target, user, null, null, LoginRules.protocol("08P01",
          "expected a password message, got message type '" + reply.type() + "'"));
      return;
    }
    String password = reply.cString();
    MintedToken token = proxy.tokens().find(password).orElse(null);
    Refusal refusal = LoginRules.checkToken(proxy.tokens(), token, password, target, user);
    if (refusal != null) {
      refuse(target, user, password, token, refusal);
      return;
    }
    if (openBackend(startup, params, route, user, password, token, admittedEpoch)) {
      relay(in, out);
    }
  }

  // ---- negotiation ------------------------------------------------------------------------

  /** Handles SSLRequest, GSSENCRequest, direct TLS and CancelRequest; returns the StartupMessage or null. */
  private StartupPacket negotiate() throws IOException {
    InputStream rawIn = raw.getInputStream();
    int first = PgMessages.readByte(rawIn);
    DataInputStream in;
    StartupPacket packet;
    if (first == TLS_RECORD) { // PostgreSQL 17 sslnegotiation=direct: TLS straight away
      in = startTls(new byte[] {TLS_RECORD});
      packet = PgMessages.readStartupPacket(in);
    } else {
      in = new DataInputStream(rawIn);
      int length = first << 24 | in.readUnsignedByte() << 16 | in.readUnsignedShort();
      packet = PgMessages.readStartupPacket(in, length);
    }
    while (true) {
      switch (packet.code()) {
        case PgMessages.SSL_REQUEST -> {
          if (client instanceof SSLSocket) {
            throw new IOException("SSLRequest inside TLS");
          }
          raw.getOutputStream().write('S');
          raw.getOutputStream().flush();
          in = startTls(null);
        }
        case PgMessages.GSSENC_REQUEST -> {
          client.getOutputStream().write('N');
          client.getOutputStream().flush();
        }
        case PgMessages.CANCEL_REQUEST -> {
          forwardCancel(packet);
          return null;
        }
        default -> {
          return packet;
        }
      }
      packet = PgMessages.readStartupPacket(in);
    }
  }

  private DataInputStream startTls(byte[] consumed) throws IOException {
    SSLSocket tls = (SSLSocket) proxy.sslContext().getSocketFactory()
        .createSocket(raw, consumed == null ? null : new ByteArrayInputStream(consumed), true);
    SSLParameters parameters = tls.getSSLParameters();
    parameters.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
      @Override
      public boolean matches(SNIServerName serverName) {
        sni = new SNIHostName(serverName.getEncoded()).getAsciiName();
        return true;
      }
    }));
    parameters.setApplicationProtocols(new String[] {"postgresql"});
    tls.setSSLParameters(parameters);
    client = tls;
    tls.startHandshake();
    return new DataInputStream(tls.getInputStream());
  }

  /** Cancel keys are the backend's own (its BackendKeyData is relayed untouched), so pass it on. */
  private void forwardCancel(StartupPacket cancel) throws IOException {
    try (Socket s = new Socket(proxy.backendHost(), proxy.backendPort())) {
      s.setSoTimeout(STARTUP_TIMEOUT_MILLIS);
      s.getOutputStream().write(cancel.encode());
      s.getOutputStream().flush();
      s.getInputStream().read(); // PostgreSQL closes once it has handled the request
    }
    log.debug("forwarded a cancel request");
  }

  // ---- refusals ---------------------------------------------------------------------------

  private void refuse(Compute target, String user, String password, MintedToken token, Refusal refusal)
      throws IOException {
    proxy.stats().login(target == null ? null : target.name(), user, password, token, refusal.reason());
    log.debug("Login refused ({}): user={}, compute={}, token={}", refusal.reason(), user, target,
        Fingerprints.of(password));
    client.getOutputStream().write(PgMessages.fatal(refusal.sqlState(), refusal.message()));
    client.getOutputStream().flush();
  }

  // ---- backend and relay ------------------------------------------------------------------

  /**
   * Logs in to the embedded PostgreSQL with the client's parameters and relays its answer up to
   * ReadyForQuery. The backend decides what remains: an unknown database (3D000) or role is its refusal.
   */
  private boolean openBackend(StartupPacket startup, Map<String, String> params, Route route, String user,
      String password, MintedToken token, long admittedEpoch) throws IOException {
    Compute target = route.compute();
    Map<String, String> forwarded = new LinkedHashMap<>(params);
    String options = Computes.backendOptions(params.get("options"), route);
    if (options.isEmpty()) {
      forwarded.remove("options");
    } else {
      forwarded.put("options", options);
    }
    if (proxy.tokens().claimsOf(password).map(TokenAuthority.Claims::readOnly).orElse(false)) {
      // A READ_ONLY token: every transaction of the session is read-only, so writes fail with
      // 25006 (read_only_sql_transaction) as they do on Lakebase.
      forwarded.put("default_transaction_read_only", "on");
    }
    Socket db = new Socket(proxy.backendHost(), proxy.backendPort());
    backend = db;
    if (closed.get()) {
      closeQuietly(db);
      return false;
    }
    db.setTcpNoDelay(true);
    db.getOutputStream().write(PgMessages.startupMessage(startup.code(), forwarded).encode());
    db.getOutputStream().flush();
    DataInputStream dbIn = new DataInputStream(db.getInputStream());
    OutputStream out = client.getOutputStream();
    // PostgreSQL authenticates (trust) before it checks the database, so the verdict is the first
    // ReadyForQuery or ErrorResponse; everything up to it is relayed as it comes.
    while (true) {
      Message m = PgMessages.readMessage(dbIn);
      if (m.type() == 'R' && m.firstInt() != 0) {
        refuse(target, user, password, token, LoginRules.protocol("XX000",
            "the emulator's PostgreSQL asked for authentication method " + m.firstInt() + " (expected trust)"));
        return false;
      }
      // Count the verdict before the client can see it, so a test that asserts right after its
      // connect returns (or fails) always finds it counted.
      if (m.type() == 'E') {
        String sqlState = m.fields().getOrDefault('C', "");
        RejectReason reason = "3D000".equals(sqlState) ? RejectReason.UNKNOWN_DATABASE : RejectReason.OTHER;
        proxy.stats().login(target.name(), user, password, token, reason);
        log.debug("Login refused by PostgreSQL ({} {}): user={}, compute={}", reason, sqlState, user, target);
        out.write(m.encode());
        out.flush();
        return false;
      }
      if (m.type() == 'Z') {
        openedAt = Instant.now();
        if (!target.sessionOpened(this, admittedEpoch)) {
          log.debug("Login dropped: {} was suspended while user={} logged in", target, user);
          openedAt = null;
          return false;
        }
        compute = target;
        identity = user;
        tokenFingerprint = token.fingerprint();
        proxy.stats().login(target.name(), user, password, token, null);
        log.debug("Login accepted: user={}, compute={}, token={}", user, target, tokenFingerprint);
        out.write(m.encode());
        out.flush();
        return true;
      }
      out.write(m.encode());
    }
  }

  private void relay(DataInputStream clientIn, OutputStream clientOut) throws IOException {
    raw.setSoTimeout(0);
    Socket db = backend;
    InputStream dbIn = db.getInputStream();
    OutputStream dbOut = db.getOutputStream();
    proxy.workers().execute(() -> pump(clientIn, dbOut));
    pump(dbIn, clientOut);
  }

  private void pump(InputStream from, OutputStream to) {
    byte[] buffer = new byte[16 * 1024];
    try {
      int n;
      while ((n = from.read(buffer)) >= 0) {
        to.write(buffer, 0, n);
        to.flush();
      }
    } catch (IOException e) {
      log.trace("relay ended: {}", e.toString());
    } finally {
      kill();
    }
  }

  private static void closeQuietly(Closeable c) {
    if (c != null) {
      try {
        c.close();
      } catch (IOException e) {
        log.trace("close: {}", e.toString());
      }
    }
  }

  @Override
  public String toString() {
    return "PgSession[" + identity + " at " + compute + ", token " + tokenFingerprint + ", opened " + openedAt + "]";
  }
}
