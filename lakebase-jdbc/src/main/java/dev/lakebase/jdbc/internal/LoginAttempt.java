package dev.lakebase.jdbc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One physical connect, as seen by {@link LakebaseSocketFactory}: the addresses we resolved, the
 * attempt's deadline, and a measurement of how long the server made us wait during login.
 *
 * <p>pgjdbc instantiates the socket factory by class name, so the attempt is handed over through
 * a registry id in the {@code socketFactoryArg} property.
 */
final class LoginAttempt {

  /**
   * A read that blocks this much longer than the first one of the login (the answer to the
   * SSLRequest: about one round trip) means the server held the login, which Lakebase does while
   * waking a suspended compute. Comparing with the first read keeps the measure independent of
   * network latency.
   */
  static final Duration HOLD_THRESHOLD = Duration.ofMillis(200);

  private static final Map<String, LoginAttempt> ATTEMPTS = new ConcurrentHashMap<>();
  private static final AtomicLong IDS = new AtomicLong();

  private final InetAddress[] addresses;
  private final int port;
  private final Deadline deadline;
  private final int connectTimeoutMillis;
  private volatile boolean loggedIn;
  // Guarded by "this": how long reads blocked while logging in.
  private long firstBlockedNanos = -1;
  private long longestBlockedNanos;

  /**
   * Describes an attempt.
   *
   * @param addresses where the endpoint host resolved to, tried in order
   * @param port the port
   * @param deadline end of this attempt (TCP, TLS and login)
   * @param connectTimeout TCP connect timeout for sockets opened after login (cancel requests)
   */
  public LoginAttempt(InetAddress[] addresses, int port, Deadline deadline,
      Duration connectTimeout) {
    this.addresses = addresses.clone();
    this.port = port;
    this.deadline = deadline;
    this.connectTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
  }

  /**
   * Makes the attempt findable by {@link #lookup(String)}.
   *
   * @param attempt the attempt
   * @return its id, for {@code socketFactoryArg}
   */
  public static String register(LoginAttempt attempt) {
    String id = Long.toString(IDS.incrementAndGet());
    ATTEMPTS.put(id, attempt);
    return id;
  }

  /**
   * Forgets an attempt once its login finished; the socket factory keeps its own reference for
   * cancel requests.
   *
   * @param id the id from {@link #register}
   */
  public static void unregister(String id) {
    ATTEMPTS.remove(id);
  }

  static LoginAttempt lookup(String id) {
    return id == null ? null : ATTEMPTS.get(id);
  }

  /** Login finished: stop measuring, and use plain timeouts for later sockets. */
  public void loggedIn() {
    loggedIn = true;
  }

  /**
   * Whether the server held the login noticeably longer than a round trip.
   *
   * @return {@code true} when a wake hold was observed
   */
  public synchronized boolean serverHeld() {
    return firstBlockedNanos >= 0
        && longestBlockedNanos - firstBlockedNanos > HOLD_THRESHOLD.toNanos();
  }

  /**
   * Opens a TCP connection to the first reachable address, with SO_TIMEOUT set to what is left
   * of the attempt (pgjdbc keeps it through TLS and login).
   *
   * @return the connected socket
   * @throws IOException if no address could be reached in time
   */
  Socket connect() throws IOException {
    IOException last = null;
    for (InetAddress address : addresses) {
      long remaining = loggedIn ? connectTimeoutMillis : deadline.remaining().toMillis();
      if (remaining <= 0) {
        throw new SocketTimeoutException("connect attempt timed out");
      }
      Socket socket = new TimedSocket(this);
      try {
        socket.connect(new InetSocketAddress(address, port), (int) Math.min(remaining,
            Integer.MAX_VALUE));
        if (!loggedIn) {
          socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE,
              deadline.remaining().toMillis())));
        }
        return socket;
      } catch (IOException e) {
        socket.close();
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
      }
    }
    throw last != null ? last : new IOException("no address to connect to");
  }

  void blocked(long nanos) {
    if (loggedIn) {
      return;
    }
    synchronized (this) {
      if (firstBlockedNanos < 0) {
        firstBlockedNanos = nanos;
      }
      longestBlockedNanos = Math.max(longestBlockedNanos, nanos);
    }
  }
}
