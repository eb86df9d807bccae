package dev.lakebase.testkit.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single PostgreSQL-protocol listener shared by every compute. One thread accepts; each
 * connection gets a {@link PgSession} (one thread for the login and the backend-to-client relay,
 * one more for client-to-backend).
 */
public final class PgProxy implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PgProxy.class);

  private final Computes computes;
  private final TokenAuthority tokens;
  private final Stats stats;
  private final SSLContext sslContext;
  private final int backendPort;
  private final ServerSocket listener;
  private final ExecutorService workers = Executors.newCachedThreadPool(Threads.daemon("lakebase-pg-session"));
  private final Set<PgSession> live = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  /**
   * Binds the listener on 127.0.0.1 and starts accepting.
   *
   * @param port TCP port, 0 for a free one
   * @param computes routing table
   * @param tokens token checks
   * @param stats counters
   * @param sslContext the server TLS context
   * @param backendPort the embedded PostgreSQL's port
   * @throws IOException if the port cannot be bound
   */
  public PgProxy(int port, Computes computes, TokenAuthority tokens, Stats stats, SSLContext sslContext,
      int backendPort) throws IOException {
    this.computes = computes;
    this.tokens = tokens;
    this.stats = stats;
    this.sslContext = sslContext;
    this.backendPort = backendPort;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.acceptor = Threads.daemon("lakebase-pg-accept").newThread(this::acceptLoop);
    acceptor.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        PgSession session = new PgSession(socket, this);
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
    try {
      listener.close();
    } catch (IOException e) {
      log.debug("closing the proxy listener: {}", e.toString());
    }
    live.forEach(PgSession::kill);
    workers.shutdownNow();
  }
}
