package dev.lakebase.jdbc.spi;

import dev.lakebase.jdbc.internal.DnsResolvers;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to addresses for a physical connect.
 *
 * <p>The resolved address is only used to open the TCP connection: TLS still uses the host name,
 * so SNI and {@code verify-full} certificate checks keep working when a custom resolver is used.
 *
 * <p>A resolver of your own replaces {@link #system()}: unless it delegates to it for the names it
 * does not handle itself, it loses the direct DNS query that bypasses the JVM's negative cache
 * (one failed lookup then fails every retry for {@code networkaddress.cache.negative.ttl}, 10 s by
 * default). Whatever the resolver, the core runs it off the connecting thread, waits for it at
 * most {@code connectTimeout}, and uses the last address that worked when it fails or takes
 * longer than 250 ms.
 */
@FunctionalInterface
public interface HostResolver {

  /**
   * Resolves a host name.
   *
   * @param host the host name
   * @return one or more addresses to try in order
   * @throws UnknownHostException if the name cannot be resolved
   */
  InetAddress[] resolve(String host) throws UnknownHostException;

  /**
   * The default resolver: the JDK lookup, and when that fails a direct DNS query (JNDI {@code
   * dns:}) that bypasses the JVM's negative cache, so one failed lookup does not turn into seconds
   * of failures.
   *
   * @return the system resolver
   */
  static HostResolver system() {
    return DnsResolvers.system();
  }
}
