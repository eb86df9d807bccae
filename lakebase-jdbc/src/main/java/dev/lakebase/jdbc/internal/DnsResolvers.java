package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** The building blocks of {@link HostResolver#system()}. */
public final class DnsResolvers {

  private static final HostResolver SYSTEM = firstSuccessful(InetAddress::getAllByName,
      DnsResolvers::queryDns);

  private DnsResolvers() {}

  /**
   * The JDK lookup, falling back to a direct DNS query. The JVM caches failed lookups for 10 s by
   * default ({@code networkaddress.cache.negative.ttl}); the direct query bypasses that cache so a
   * one-off DNS hiccup does not fail every retry within the connect budget.
   *
   * @return the system resolver
   */
  public static HostResolver system() {
    return SYSTEM;
  }

  /**
   * Tries {@code primary}, and when it fails {@code fallback}; if both fail the primary's
   * exception is thrown with the fallback's attached as suppressed.
   *
   * @param primary the first resolver
   * @param fallback the resolver used when the first fails
   * @return the composed resolver
   */
  public static HostResolver firstSuccessful(HostResolver primary, HostResolver fallback) {
    return host -> {
      try {
        return primary.resolve(host);
      } catch (UnknownHostException first) {
        try {
          return fallback.resolve(host);
        } catch (UnknownHostException second) {
          first.addSuppressed(second);
          throw first;
        }
      }
    };
  }

  /**
   * Queries the system's DNS servers for A and AAAA records through JNDI, bypassing the JVM's
   * address cache.
   *
   * @param host the host name
   * @return the addresses
   * @throws UnknownHostException if the query fails or finds no address
   */
  static InetAddress[] queryDns(String host) throws UnknownHostException {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(DirContext.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
    env.put(DirContext.PROVIDER_URL, "dns:");
    env.put("com.sun.jndi.dns.timeout.initial", "500");
    env.put("com.sun.jndi.dns.timeout.retries", "2");
    List<InetAddress> addresses = new ArrayList<>();
    try {
      DirContext ctx = new InitialDirContext(env);
      try {
        Attributes attributes = ctx.getAttributes(host, new String[] {"A", "AAAA"});
        for (String type : new String[] {"A", "AAAA"}) {
          Attribute records = attributes.get(type);
          if (records == null) {
            continue;
          }
          NamingEnumeration<?> values = records.getAll();
          while (values.hasMore()) {
            addresses.add(InetAddress.getByAddress(host,
                InetAddress.getByName(values.next().toString()).getAddress()));
          }
        }
      } finally {
        ctx.close();
      }
    } catch (NamingException e) {
      UnknownHostException failure =
          new UnknownHostException(host + " (direct DNS query failed: " + e.getMessage() + ")");
      failure.initCause(e);
      throw failure;
    }
    if (addresses.isEmpty()) {
      throw new UnknownHostException(host + " (direct DNS query found no A/AAAA record)");
    }
    return addresses.toArray(InetAddress[]::new);
  }
}
