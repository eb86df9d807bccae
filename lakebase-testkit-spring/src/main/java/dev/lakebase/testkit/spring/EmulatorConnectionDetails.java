package dev.lakebase.testkit.spring;

import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.spring.autoconfigure.LakebaseConnectionDetails;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;

/**
 * Points the Lakebase starter at one endpoint of an emulator: its proxy port, its workspace API
 * with the default user's PAT, and its DNS (the emulator's host names are not in real DNS), so
 * the SDK connects exactly as it would to Lakebase (minted token, TLS with SNI).
 */
final class EmulatorConnectionDetails implements LakebaseConnectionDetails {

  private final LakebaseEmulator emulator;
  private final EmulatedCompute endpoint;

  EmulatorConnectionDetails(LakebaseEmulator emulator, EmulatedCompute endpoint) {
    this.emulator = emulator;
    this.endpoint = endpoint;
  }

  @Override
  public String endpoint() {
    return endpoint.name();
  }

  @Override
  public Integer port() {
    return emulator.port();
  }

  @Override
  public String workspaceHost() {
    return emulator.workspaceUrl();
  }

  @Override
  public String workspaceToken() {
    return emulator.patFor(emulator.defaultUser());
  }

  @Override
  public HostResolver hostResolver() {
    return emulator.dns()::resolve;
  }

  /** Never the token. */
  @Override
  public String toString() {
    return "EmulatorConnectionDetails[endpoint=" + endpoint.name() + ", workspace="
        + emulator.workspaceUrl() + ", port=" + emulator.port() + "]";
  }
}
