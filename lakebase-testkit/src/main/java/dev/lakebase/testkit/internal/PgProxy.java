package dev.lakebase.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL-protocol listeners: one shared by every compute (routed by TLS SNI or the {@code
 * endpoint=} option, as on Lakebase), plus one direct port per compute host name, whose
 * connections go to that host's compute whatever the client sends. The direct ports are what a
 * client without a resolver hook uses ({@code 127.0.0.1:<port>}: no DNS, no SNI needed). One
 * thread accepts per listener; each connection gets a {@link PgSession} (one thread for the login
 * and the backend-to-client relay, one more for client-to-backend).
 */
public final class PgProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PgProxy.class);

  private final Computes computes;
  private final TokenAuthority tokens;
  private final Stats stats;
  private final SSLContext sslContext;
  private final String backendHost;
  private final int backendPort;
  private final ServerSocket listener;
  private final Map<String, ServerSocket> directListeners = new LinkedHashMap<>();
  private final List<Thread> directAcceptors = new ArrayList<>();
  private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("lakebase-pg-session"));
  private final Set<PgSession> live = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds the listener on 127.0.0.1 and starts accepting.
   *
   * @param port TCP port, 0 for a free one; when fixed, the direct ports are the next ones
   * @param computes routing table
   * @param tokens token checks
   * @param stats counters
   * @param sslContext the server TLS context
   * @param backendHost the host of the real PostgreSQL (loopback, or a container's host)
   * @param backendPort the real PostgreSQL's port
   * @throws IOException if the port cannot be bound
   */
  public PgProxy(int port, Computes computes, TokenAuthority tokens, Stats stats, SSLContext sslContext,
      String backendHost, int backendPort) throws IOException {
    this.computes = computes;
    this.tokens = tokens;
    this.stats = stats;
    this.sslContext = sslContext;
    this.backendHost = backendHost;
    this.backendPort = backendPort;
    this.listener = bind(port);
    try {
      // With a fixed shared port the direct ports follow it, compute by compute (host, read-only
      // host, pooled hosts), so a standalone emulator's printed settings (DBeaver connections,
      // scripts) stay valid across restarts.
      int next = port == 0 ? 0 : port + 1;
      for (String host : computes.hostNamesInOrder()) {
        directListeners.put(host, bind(next));
        next = next == 0 ? 0 : next + 1;
      }
    } catch (IOException e) {
      closeListeners();
      throw e;
    }
    this.acceptor = Threads.daemon("lakebase-pg-accept").newThread(() -> acceptLoop(listener, null));
    acceptor.start();
    directListeners.forEach((host, socket) -> {
      Computes.Route route = computes.byHost(host).orElseThrow();
      Thread t = Threads.daemon("lakebase-pg-accept-" + host.substring(0, host.indexOf('.')))
          .newThread(() -> acceptLoop(socket, route));
      directAcceptors.add(t);
      t.start();
    });
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    return socket;
  }

  public int port() {
    return listener.getLocalPort();
  }

  /**
   * @param host a compute host name (read-write or read-only), any case
   * @return the port on 127.0.0.1 whose connections go to that host's compute
   * @throws IllegalArgumentException for a host name of no compute
   */
  public int directPort(String host) {
    ServerSocket socket = directListeners.get(host.toLowerCase(Locale.ROOT));
    if (socket == null) {
      throw new IllegalArgumentException("no compute has the host name " + host);
    }
    return socket.getLocalPort();
  }

  private void acceptLoop(ServerSocket listener, Computes.Route portRoute) {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        PgSession session = new PgSession(socket, this, portRoute);
        live.add(session);
        workers.execute(session::run);
      } catch (SocketException e) {
        if (!closed) {
          log.warn("PostgreSQL proxy stopped accepting: {}", e.toString());
        }
        return;
      } catch (IOException | RuntimeException e) {
        if (!closed) {
          log.warn("PostgreSQL proxy could not accept a connection: {}", e.toString());
        }
      }
    }
  }

  Computes computes() {
    return computes;
  }

  TokenAuthority tokens() {
    return tokens;
  }

  Stats stats() {
    return stats;
  }

  SSLContext sslContext() {
    return sslContext;
  }

  String backendHost() {
    return backendHost;
  }

  int backendPort() {
    return backendPort;
  }

  ExecutorService workers() {
    return workers;
  }

  void ended(PgSession session) {
    live.remove(session);
  }

  /** Stops accepting, drops every connection (logged in or not) and stops the worker threads. */
  @Override
  public void close() {
    closed = true;
    closeListeners();
    live.forEach(PgSession::kill);
    workers.shutdownNow();
  }

  private void closeListeners() {
    List<ServerSocket> all = new ArrayList<>(directListeners.values());
    if (listener != null) {
      all.add(0, listener);
    }
    for (ServerSocket socket : all) {
      try {
        socket.close();
      } catch (IOException e) {
        log.debug("closing a proxy listener: {}", e.toString());
      }
    }
  }
}
