package dev.lakebase.jdbc.spi;

import dev.lakebase.jdbc.internal.DnsResolvers;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a host name to addresses for a physical connect.
 *
 * <p>The resolved address is only used to open the TCP connection: TLS still uses the host name,
 * so SNI and {@code verify-full} certificate checks keep working when a custom resolver is used.
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
