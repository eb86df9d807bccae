package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConnectFailure;
import java.util.Optional;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Turns a failed Lakebase connect anywhere in a startup failure (Flyway or Liquibase migrating,
 * JPA, a health check, application code) into Spring Boot's "APPLICATION FAILED TO START" report:
 * the core's message (what is wrong) and the Spring property or environment variable to change.
 * The pools fail such a borrow within milliseconds when the cause is permanent, so the report
 * comes in seconds, not after the pool's connection timeout. Runs before Spring Boot's own
 * analyzers, which would report only the outermost bean creation.
 */
public final class LakebaseConnectFailureAnalyzer implements FailureAnalyzer, Ordered {

  /** Creates the analyzer (registered in {@code META-INF/spring.factories}). */
  public LakebaseConnectFailureAnalyzer() {}

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    Optional<LakebaseConnectFailure> found = LakebaseConnectFailure.find(failure);
    if (found.isEmpty()) {
      return null;
    }
    LakebaseConnectFailure f = found.get();
    String description = (f.isPermanent()
        ? "A Lakebase connect failed, and retrying will not help: "
        : "Lakebase could not be reached in time: ") + f.getMessage();
    return new FailureAnalysis(description, action(f), (Throwable) f);
  }

  static String action(LakebaseConnectFailure f) {
    Optional<ConfigKey> setting = f.setting();
    if (!f.isPermanent()) {
      return "The cause may be temporary (an endpoint waking from suspend, DNS, the workspace API"
          + " throttling or unavailable): check the endpoint's state, or give it more time with "
          + PropertyNames.springProperty(ConfigKey.CONNECT_BUDGET.key()) + ".";
    }
    if (setting.isEmpty()) {
      return "Fix the cause named above (e.g. grant the identity access); the pool tries again by"
          + " itself, at most once per backoff period (1s doubling up to 30s).";
    }
    ConfigKey key = setting.get();
    String property = PropertyNames.springProperty(key.key());
    String variable = key.envVar() != null ? " (or the environment variable " + key.envVar() + ")"
        : key.key().startsWith("databricks")
            ? " (or Databricks unified auth: DATABRICKS_HOST with DATABRICKS_TOKEN,"
                + " DATABRICKS_CLIENT_ID + DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE)"
            : "";
    return "Change the property " + property + variable + ".";
  }

  /** Before Spring Boot's analyzers, which see only the bean that failed to start. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
