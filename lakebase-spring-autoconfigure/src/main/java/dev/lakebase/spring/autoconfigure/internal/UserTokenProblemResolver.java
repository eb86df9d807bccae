package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.pool.LakebaseUserTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers a request that failed because its user token was missing or rejected ({@link
 * LakebaseUserTokenException} anywhere in the cause chain, e.g. inside Spring's {@code
 * CannotGetJdbcConnectionException}) with 401 and an RFC 9457 problem body. Runs before every
 * other resolver; anything else is left to them.
 */
public final class UserTokenProblemResolver implements HandlerExceptionResolver, Ordered {

  private static final Logger log = LoggerFactory.getLogger(UserTokenProblemResolver.class);

  private final String header;

  /**
   * Creates the resolver.
   *
   * @param header the token header, named in the answer
   */
  public UserTokenProblemResolver(String header) {
    this.header = header;
  }

  @Override
  public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response,
      Object handler, Exception ex) {
    LakebaseUserTokenException rejected = find(ex);
    if (rejected == null || response.isCommitted()) {
      return null;
    }
    log.debug("Answering 401 to {} {}: {}", request.getMethod(), request.getRequestURI(),
        rejected.getMessage());
    String body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
        + "\"detail\":\"" + json(rejected.getMessage()) + "\",\"instance\":\""
        + json(request.getRequestURI()) + "\"}";
    try {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", "Bearer realm=\"" + json(header) + "\"");
      response.setContentType("application/problem+json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(body);
    } catch (IOException e) {
      log.debug("Could not write the 401 answer: {}", e.toString());
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  private static LakebaseUserTokenException find(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof LakebaseUserTokenException u) {
        return u;
      }
    }
    return null;
  }

  private static String json(String text) {
    StringBuilder b = new StringBuilder();
    for (char ch : String.valueOf(text).toCharArray()) {
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.toString();
  }
}
