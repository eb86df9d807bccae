package dev.lakebase.examples.orders.dashboard;

import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The operator panel of the live page, at development time only: it lives with the tests (and
 * the development run), next to the emulator, so the production jar has neither. Without an
 * emulator bean it reports nothing and the page hides the panel.
 */
@Component
class EmulatorOperator implements DashboardOperator {

  /** How long the endpoint refuses logins while it wakes: long enough to see the retries. */
  static final Duration WAKE = Duration.ofSeconds(1);

  private final ObjectProvider<LakebaseEmulator> emulator;
  private final LakebasePooledDataSource pool;

  EmulatorOperator(ObjectProvider<LakebaseEmulator> emulator, LakebasePooledDataSource pool) {
    this.emulator = emulator;
    this.pool = pool;
  }

  @Override
  public Map<String, Object> status() {
    LakebaseEmulator e = emulator.getIfAvailable();
    Map<String, Object> status = new LinkedHashMap<>();
    if (e == null) {
      return null;
    }
    EmulatedCompute endpoint = e.defaultEndpoint();
    status.put("endpoint state", endpoint.state());
    status.put("wake-ups", endpoint.wakeups());
    status.put("token lifetime", e.tokenLifetime().toSeconds() + " s");
    status.put("logins accepted", e.counters().loginsAccepted());
    return status;
  }

  @Override
  public void suspendEndpoint() {
    EmulatedCompute endpoint = required().defaultEndpoint();
    endpoint.wakeBehaviour(WakeBehaviour.refuse(WAKE));
    endpoint.suspend();
    // The suspend dropped every session; HikariCP finds out on the next use of each idle one
    // (that query fails with 08006, the only failure a suspend causes: see ResilienceTest).
    // Retiring them now makes the visitor's next request the one that waits for the wake.
    if (pool instanceof HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
      hikari.getHikariPoolMXBean().softEvictConnections();
    }
  }

  @Override
  public void shortenTokenLifetime(Duration lifetime) {
    LakebaseEmulator e = required();
    e.tokenLifetime(lifetime);
    // The cached token still has its long life: revoke it, so the next login is rejected and the
    // SDK mints a short-lived one (its 28P01 path); from then on it rotates in the background.
    pool.lakebaseDataSource().credentialStatus().identity().ifPresent(e::revokeTokensOf);
    try (Connection physical = pool.lakebaseDataSource().getConnection()) {
      physical.isValid(5);
    } catch (SQLException ex) {
      throw new IllegalStateException("Reconnecting after the token revocation failed: "
          + ex.getMessage(), ex);
    }
  }

  private LakebaseEmulator required() {
    LakebaseEmulator e = emulator.getIfAvailable();
    if (e == null) {
      throw new IllegalStateException("No emulator in this application");
    }
    return e;
  }
}
