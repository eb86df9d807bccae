package dev.lakebase.liquibase;

import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves the emulator's host names; named by class in the URLs (they are not in DNS). */
public final class EmulatorDns implements HostResolver {
  static volatile LakebaseEmulator emulator;

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    return emulator.dns().resolve(host);
  }
}
