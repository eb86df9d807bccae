package dev.lakebase.jdbc.all;

import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves the emulator's host names ({@code *.lakebase.test}) to 127.0.0.1. The tests copy this
 * class next to the all-in-one jar, the way a DBeaver user adds a jar to a driver's libraries; it
 * references nothing but the driver's own SPI.
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
