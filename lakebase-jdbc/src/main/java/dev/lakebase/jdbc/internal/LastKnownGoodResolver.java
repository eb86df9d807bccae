package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers the last successful resolution of each host and uses it when resolution fails, so a
 * DNS outage does not take down connects to an endpoint whose address was already known.
 */
final class LastKnownGoodResolver implements HostResolver {

  private static final Logger log = LoggerFactory.getLogger(LastKnownGoodResolver.class);

  private final HostResolver delegate;
  private final Map<String, InetAddress[]> lastKnownGood = new ConcurrentHashMap<>();

  /**
   * Wraps a resolver.
   *
   * @param delegate the resolver asked first
   */
  public LastKnownGoodResolver(HostResolver delegate) {
    this.delegate = delegate;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    try {
      InetAddress[] addresses = delegate.resolve(host);
      if (addresses == null || addresses.length == 0) {
        throw new UnknownHostException(host + " (resolver returned no address)");
      }
      lastKnownGood.put(host, addresses.clone());
      return addresses;
    } catch (UnknownHostException e) {
      InetAddress[] known = lastKnownGood.get(host);
      if (known == null) {
        throw e;
      }
      log.debug("Resolving {} failed ({}); using its last known good address {}",
          host, e.getMessage(), known[0].getHostAddress());
      return known.clone();
    }
  }
}
