package dev.lakebase.examples.orders.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Request counts, rates and latencies per API endpoint ({@code METHOD /path/{pattern}}), for the
 * live page. The page's own polling and static files are left out, so the numbers show the API.
 */
public final class RequestStats extends OncePerRequestFilter {

  /** The window of the rate and the recent latency. */
  static final long WINDOW_MS = 10_000;

  private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

  /**
   * One endpoint's numbers.
   *
   * @param endpoint method and path pattern
   * @param count requests since start
   * @param errors responses with status 500 or more
   * @param perSecond requests per second over the last 10 s
   * @param recentMeanMs mean latency over the last 10 s, null when there was none
   * @param maxMs the slowest request since start
   */
  public record Row(String endpoint, long count, long errors, double perSecond,
      Double recentMeanMs, double maxMs) {}

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith("/dashboard") || path.equals("/") || path.startsWith("/actuator")
        || path.startsWith("/favicon");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    long started = System.nanoTime();
    try {
      chain.doFilter(request, response);
    } finally {
      Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
      // Unmatched paths (404s) would give one row per typo: they share one.
      String key = request.getMethod() + " " + (pattern == null ? "(unmatched)" : pattern);
      endpoints.computeIfAbsent(key, k -> new Endpoint())
          .record(System.currentTimeMillis(), System.nanoTime() - started,
              response.getStatus() >= 500);
    }
  }

  /**
   * The endpoints, busiest first.
   *
   * @return one row per endpoint seen
   */
  public List<Row> rows() {
    long now = System.currentTimeMillis();
    List<Row> rows = new ArrayList<>();
    endpoints.forEach((key, e) -> rows.add(e.row(key, now)));
    rows.sort(Comparator.comparingLong(Row::count).reversed().thenComparing(Row::endpoint));
    return rows;
  }

  private static final class Endpoint {
    private long count;
    private long errors;
    private long maxNanos;
    /** (end time ms, duration ns) of the requests in the window. */
    private final Deque<long[]> window = new ArrayDeque<>();

    synchronized void record(long nowMs, long nanos, boolean error) {
      count++;
      if (error) {
        errors++;
      }
      maxNanos = Math.max(maxNanos, nanos);
      window.addLast(new long[] {nowMs, nanos});
      prune(nowMs);
    }

    synchronized Row row(String key, long nowMs) {
      prune(nowMs);
      double mean = window.stream().mapToLong(w -> w[1]).average().orElse(Double.NaN);
      return new Row(key, count, errors, window.size() * 1000.0 / WINDOW_MS,
          Double.isNaN(mean) ? null : mean / 1e6, maxNanos / 1e6);
    }

    private void prune(long nowMs) {
      while (!window.isEmpty() && window.peekFirst()[0] < nowMs - WINDOW_MS) {
        window.removeFirst();
      }
    }
  }
}
