package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the last successful resolution of each host and uses it when resolution fails or is
 * slow, so a DNS outage does not take down connects to an endpoint whose address was already
 * known. A DNS server that does not answer makes the JDK lookup and the direct query each wait
 * for their own time-outs (seconds), so the lookup runs off the connecting thread: a connect
 * waits for it at most the attempt's time ({@code connectTimeout}, capped by the budget), and
 * when an address is known, at most {@link #RACE_DELAY} before using it. One lookup per host is
 * in flight at a time; a late answer still refreshes the remembered address.
 */
final class LastKnownGoodResolver {

  /** How long a connect waits for a fresh lookup before it uses the last known good address. */
  static final Duration RACE_DELAY = Duration.ofMillis(250);

  private static final Logger log = LoggerFactory.getLogger(LastKnownGoodResolver.class);

  private final HostResolver delegate;
  private final Map<String, InetAddress[]> lastKnownGood = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<InetAddress[]>> inflight = new ConcurrentHashMap<>();

  /**
   * Wraps a resolver.
   *
   * @param delegate the resolver asked first
   */
  LastKnownGoodResolver(HostResolver delegate) {
    this.delegate = delegate;
  }

  /**
   * Resolves a host within a time.
   *
   * @param host the host name
   * @param timeout the longest wait when no address of the host is known yet
   * @return the addresses
   * @throws UnknownHostException when the lookup fails, or does not finish in time, and no
   *     address is known
   */
  InetAddress[] resolve(String host, Duration timeout) throws UnknownHostException {
    CompletableFuture<InetAddress[]> lookup = lookup(host);
    InetAddress[] known = lastKnownGood.get(host);
    Duration wait = known == null ? timeout
        : RACE_DELAY.compareTo(timeout) < 0 ? RACE_DELAY : timeout;
    try {
      return lookup.get(Math.max(1, wait.toNanos()), TimeUnit.NANOSECONDS).clone();
    } catch (TimeoutException e) {
      if (known != null) {
        log.debug("Resolving {} takes longer than {} ms; using its last known good address {}",
            host, wait.toMillis(), known[0].getHostAddress());
        return known.clone();
      }
      throw new UnknownHostException(host + " (DNS lookup did not finish within "
          + wait.toMillis() + " ms)");
    } catch (ExecutionException e) {
      if (known != null) {
        log.debug("Resolving {} failed ({}); using its last known good address {}",
            host, e.getCause().getMessage(), known[0].getHostAddress());
        return known.clone();
      }
      if (e.getCause() instanceof UnknownHostException u) {
        UnknownHostException copy = new UnknownHostException(u.getMessage());
        copy.initCause(u);
        throw copy;
      }
      throw new UnknownHostException(host + " (" + e.getCause() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnknownHostException(host + " (interrupted while resolving)");
    }
  }

  /** The lookup of a host in flight, started if there is none. */
  private CompletableFuture<InetAddress[]> lookup(String host) {
    CompletableFuture<InetAddress[]> started = new CompletableFuture<>();
    CompletableFuture<InetAddress[]> existing = inflight.putIfAbsent(host, started);
    if (existing != null) {
      return existing;
    }
    LakebaseExecutors.workspaceCalls().execute(() -> {
      try {
        InetAddress[] addresses = delegate.resolve(host);
        if (addresses == null || addresses.length == 0) {
          throw new UnknownHostException(host + " (resolver returned no address)");
        }
        lastKnownGood.put(host, addresses.clone());
        inflight.remove(host, started);
        started.complete(addresses);
      } catch (UnknownHostException | RuntimeException e) {
        inflight.remove(host, started);
        started.completeExceptionally(e);
      }
    });
    return started;
  }
}
