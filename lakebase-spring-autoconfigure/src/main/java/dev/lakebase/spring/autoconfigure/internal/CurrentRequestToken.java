package dev.lakebase.spring.autoconfigure.internal;

import java.util.function.Supplier;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** The user token in a header of the servlet request bound to this thread; null outside one. */
public final class CurrentRequestToken implements Supplier<String> {

  private final String header;

  /**
   * Reads a header.
   *
   * @param header the header name, e.g. {@code X-Forwarded-Access-Token}
   */
  public CurrentRequestToken(String header) {
    this.header = header;
  }

  @Override
  public String get() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes instanceof ServletRequestAttributes servlet) {
      return servlet.getRequest().getHeader(header);
    }
    return null;
  }

  @Override
  public String toString() {
    return "CurrentRequestToken[" + header + "]";
  }
}
