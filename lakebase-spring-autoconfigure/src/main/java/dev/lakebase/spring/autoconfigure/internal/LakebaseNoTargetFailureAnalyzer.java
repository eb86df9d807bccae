package dev.lakebase.spring.autoconfigure.internal;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * With the Lakebase starter on the class path but no target configured, Spring Boot fails with
 * "Failed to configure a DataSource: 'url' attribute is not specified", which never mentions
 * Lakebase. This analyzer reports instead which properties or environment variables name a
 * target, and any misspelt {@code lakebase.*} property with its closest valid name. It stays out
 * of the way when the application configured a DataSource of its own ({@code
 * spring.datasource.url}) or turned Lakebase off ({@code lakebase.enabled=false}).
 */
public final class LakebaseNoTargetFailureAnalyzer implements FailureAnalyzer, Ordered {

  private static final String NO_URL = "DataSourceProperties$DataSourceBeanCreationException";

  private final Environment environment;

  /**
   * Creates the analyzer (registered in {@code META-INF/spring.factories}; Spring Boot passes the
   * application's environment).
   *
   * @param environment the environment
   */
  public LakebaseNoTargetFailureAnalyzer(Environment environment) {
    this.environment = environment;
  }

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    Throwable noUrl = find(failure);
    if (noUrl == null || environment == null
        || !environment.getProperty("lakebase.enabled", Boolean.class, true)
        || StringUtils.hasText(environment.getProperty("spring.datasource.url"))
        || TargetProperties.firstSet(environment) != null) {
      return null;
    }
    StringBuilder description = new StringBuilder(
        "The Lakebase starter is on the class path, but no Lakebase target is configured, so no"
            + " DataSource could be set up.");
    if (StringUtils.hasText(environment.getProperty("DATABRICKS_HOST"))
        || StringUtils.hasText(environment.getProperty("lakebase.databricks.host"))) {
      description.append(" The Databricks workspace is set (DATABRICKS_HOST or"
          + " lakebase.databricks.host), but it does not say which database to connect to.");
    }
    List<UnknownProperties.Unknown> unknown = environment instanceof ConfigurableEnvironment c
        ? UnknownProperties.find(c) : List.of();
    if (!unknown.isEmpty()) {
      description.append(" Unknown Lakebase properties (ignored): ").append(unknown.stream()
          .map(UnknownProperties.Unknown::describe).collect(Collectors.joining(", ")))
          .append('.');
    }
    String action = "Name the database with one of:\n"
        + "\tlakebase.endpoint (or LAKEBASE_ENDPOINT): an Autoscaling endpoint,"
        + " projects/{project}/branches/{branch}/endpoints/{endpoint}\n"
        + "\tlakebase.project and lakebase.branch (or LAKEBASE_PROJECT and LAKEBASE_BRANCH): the"
        + " branch's read-write endpoint is discovered\n"
        + "\tlakebase.instance (or LAKEBASE_INSTANCE): a Provisioned database instance\n"
        + "\tlakebase.host (or PGHOST, set by Databricks Apps): an explicit host\n"
        + "To use another database instead, set spring.datasource.url (the Lakebase"
        + " auto-configuration then stays out of the way), or lakebase.enabled=false.";
    return new FailureAnalysis(description.toString(), action, noUrl);
  }

  private static Throwable find(Throwable failure) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 64; t = t.getCause(), depth++) {
      if (t.getClass().getName().endsWith(NO_URL)) {
        return t;
      }
    }
    return null;
  }

  /** Before Spring Boot's DataSource analyzer, whose report does not mention Lakebase. */
  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
