package dev.lakebase.examples.orders.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Adds {@code X-Process-Time}: the milliseconds the server spent on the request. The response
 * body is buffered until then, because headers cannot be added once the body is on its way
 * (the API's responses are small).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProcessTimeFilter extends OncePerRequestFilter {

  /** The header's name. */
  public static final String HEADER = "X-Process-Time";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    long started = System.nanoTime();
    ContentCachingResponseWrapper buffered = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, buffered);
    } finally {
      buffered.setHeader(HEADER,
          String.format(Locale.ROOT, "%.3f", (System.nanoTime() - started) / 1e6));
      buffered.copyBodyToResponse();
    }
  }
}
