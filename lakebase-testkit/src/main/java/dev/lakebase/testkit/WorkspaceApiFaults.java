package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.ApiFaultPlan;
import java.time.Duration;

/**
 * Fault injection for the fake workspace API. Faults apply to API calls (every path except
 * {@code /.well-known/...} and {@code /oidc/...}) and answer with a Databricks-style JSON error.
 * Remember that databricks-sdk-java retries 429 and 503 itself (4 attempts in all): fail at least 4
 * calls to make one SDK call fail, or use a status it does not retry (500).
 */
public final class WorkspaceApiFaults {

  private final ApiFaultPlan plan;

  WorkspaceApiFaults(ApiFaultPlan plan) {
    this.plan = plan;
  }

  /**
   * Fails the next {@code n} API calls with {@code httpStatus} (429 adds {@code Retry-After: 1}).
   *
   * @param n number of calls to fail
   * @param httpStatus HTTP status to answer, e.g. 429, 500, 503
   */
  public void failNext(int n, int httpStatus) {
    plan.failNext(n, httpStatus, "");
  }

  /**
   * Fails the next {@code n} API calls whose path starts with {@code pathPrefix}.
   *
   * @param n number of calls to fail
   * @param httpStatus HTTP status to answer
   * @param pathPrefix e.g. {@code /api/2.0/postgres/credentials}
   */
  public void failNext(int n, int httpStatus, String pathPrefix) {
    plan.failNext(n, httpStatus, pathPrefix);
  }

  /**
   * Fails every API call with {@code httpStatus} until {@link #clear()}.
   *
   * @param httpStatus HTTP status to answer
   */
  public void failAll(int httpStatus) {
    plan.failAll(httpStatus);
  }

  /**
   * Adds {@code extra} delay to every API call.
   *
   * @param extra the delay; {@code null} or zero for none
   */
  public void latency(Duration extra) {
    plan.latency(extra);
  }

  /** Removes every fault and the added latency. */
  public void clear() {
    plan.clear();
  }
}
