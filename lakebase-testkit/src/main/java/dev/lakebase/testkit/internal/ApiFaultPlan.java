package dev.lakebase.testkit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalInt;

/** The workspace API faults currently armed: counted failures by path prefix, fail-all, latency. */
public final class ApiFaultPlan {

  private static final class CountedFault {
    final int status;
    final String pathPrefix;
    int remaining;

    CountedFault(int remaining, int status, String pathPrefix) {
      this.remaining = remaining;
      this.status = status;
      this.pathPrefix = pathPrefix;
    }
  }

  private final List<CountedFault> counted = new ArrayList<>();
  private Integer failAllStatus;
  private Duration latency = Duration.ZERO;

  public synchronized void failNext(int n, int httpStatus, String pathPrefix) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative: " + n);
    }
    checkStatus(httpStatus);
    if (n > 0) {
      counted.add(new CountedFault(n, httpStatus, pathPrefix == null ? "" : pathPrefix));
    }
  }

  public synchronized void failAll(int httpStatus) {
    checkStatus(httpStatus);
    failAllStatus = httpStatus;
  }

  public synchronized void latency(Duration extra) {
    if (extra != null && extra.isNegative()) {
      throw new IllegalArgumentException("latency must not be negative: " + extra);
    }
    latency = extra == null ? Duration.ZERO : extra;
  }

  public synchronized Duration latency() {
    return latency;
  }

  public synchronized void clear() {
    counted.clear();
    failAllStatus = null;
    latency = Duration.ZERO;
  }

  /**
   * Consumes the fault that applies to a call, if any.
   *
   * @param path the request path
   * @return the HTTP status to fail with
   */
  public synchronized OptionalInt next(String path) {
    if (failAllStatus != null) {
      return OptionalInt.of(failAllStatus);
    }
    for (Iterator<CountedFault> it = counted.iterator(); it.hasNext(); ) {
      CountedFault fault = it.next();
      if (path.startsWith(fault.pathPrefix)) {
        if (--fault.remaining == 0) {
          it.remove();
        }
        return OptionalInt.of(fault.status);
      }
    }
    return OptionalInt.empty();
  }

  private static void checkStatus(int httpStatus) {
    if (httpStatus < 400 || httpStatus > 599) {
      throw new IllegalArgumentException("httpStatus must be an error status (400-599): " + httpStatus);
    }
  }
}
