package dev.lakebase.jdbc.doctor;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves the emulator's host names ({@code *.lakebase.test}) to 127.0.0.1 without a reference
 * to the emulator, so that it can be named by class in a URL and loaded next to the all-in-one
 * jar in a class loader of its own.
 */
public final class LoopbackResolver implements HostResolver {

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    if (!host.endsWith(".lakebase.test")) {
      throw new UnknownHostException(host + " (LoopbackResolver knows only *.lakebase.test)");
    }
    return new InetAddress[] {InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1})};
  }
}
