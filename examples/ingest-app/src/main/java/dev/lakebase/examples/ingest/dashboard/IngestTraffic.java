package dev.lakebase.examples.ingest.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts the answers of {@code POST /ingest/{table}} per table, for the live page: acknowledged
 * as committed ({@code 200}, {@code wait_for_ack=true}), buffered ({@code 202}), turned away by
 * backpressure ({@code 429}/{@code 503}) and refused as invalid (other {@code 4xx}); and the
 * answered {@code POST /flush/{table}}. Reads only the path and the status.
 */
public final class IngestTraffic extends OncePerRequestFilter {

  /**
   * One table's answers.
   *
   * @param acked requests answered once their rows committed
   * @param buffered requests answered once their rows were buffered
   * @param backpressure requests turned away because the buffer was full or the writer down
   * @param invalid requests refused for their content
   * @param flushes flush requests answered
   */
  public record Counts(long acked, long buffered, long backpressure, long invalid,
      long flushes) {

    Counts add(Counts o) {
      return new Counts(acked + o.acked, buffered + o.buffered, backpressure + o.backpressure,
          invalid + o.invalid, flushes + o.flushes);
    }
  }

  private final Map<String, Counts> perTable = new TreeMap<>();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    return !"POST".equals(request.getMethod())
        || !(path.startsWith("/ingest/") || path.startsWith("/flush/"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } finally {
      String path = request.getRequestURI();
      boolean flush = path.startsWith("/flush/");
      String table = path.substring(flush ? "/flush/".length() : "/ingest/".length());
      if (!table.isEmpty() && !table.contains("/")) {
        record(table, flush, response.getStatus());
      }
    }
  }

  private synchronized void record(String table, boolean flush, int status) {
    Counts c;
    if (flush) {
      c = new Counts(0, 0, 0, 0, status == 200 ? 1 : 0);
    } else if (status == 200) {
      c = new Counts(1, 0, 0, 0, 0);
    } else if (status == 202) {
      c = new Counts(0, 1, 0, 0, 0);
    } else if (status == 429 || status == 503) {
      c = new Counts(0, 0, 1, 0, 0);
    } else {
      c = new Counts(0, 0, 0, status >= 400 && status < 500 ? 1 : 0, 0);
    }
    perTable.merge(table, c, Counts::add);
  }

  /**
   * The answers so far.
   *
   * @param table a table key
   * @return its counts, zero when it had no requests
   */
  public synchronized Counts counts(String table) {
    return perTable.getOrDefault(table, new Counts(0, 0, 0, 0, 0));
  }
}
