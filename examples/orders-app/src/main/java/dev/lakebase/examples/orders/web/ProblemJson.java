package dev.lakebase.examples.orders.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * Writes RFC 9457 problem JSON straight to a servlet response, for the errors that happen outside
 * Spring MVC's message conversion (container errors, the body limit), where content negotiation
 * must not turn a 4xx into a 406 or an HTML page.
 */
public final class ProblemJson {

  /** The problem media type (JSON is UTF-8 by definition: no charset parameter). */
  public static final String CONTENT_TYPE = "application/problem+json";

  private ProblemJson() {}

  /**
   * @param status an HTTP status
   * @return its reason phrase, e.g. {@code Bad Request}
   */
  public static String title(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known != null ? known.getReasonPhrase() : "HTTP " + status;
  }

  /**
   * @param status the status
   * @param title the problem's title
   * @param detail the problem's detail
   * @param instance the request path, or null
   * @return the problem as JSON
   */
  public static String body(int status, String title, String detail, String instance) {
    StringBuilder json = new StringBuilder(160).append("{\"title\":");
    quote(json, title).append(",\"status\":").append(status).append(",\"detail\":");
    quote(json, detail);
    if (instance != null) {
      quote(json.append(",\"instance\":"), instance);
    }
    return json.append('}').toString();
  }

  /**
   * Resets the response and writes a problem to it.
   *
   * @param response a response that is not committed yet
   * @param status the status
   * @param detail the problem's detail
   * @param instance the request path, or null
   * @throws IOException if writing fails
   */
  public static void write(HttpServletResponse response, int status, String detail, String instance)
      throws IOException {
    byte[] bytes = body(status, title(status), detail, instance).getBytes(StandardCharsets.UTF_8);
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType(CONTENT_TYPE);
    response.setContentLength(bytes.length);
    response.getOutputStream().write(bytes);
    response.flushBuffer();
  }

  private static StringBuilder quote(StringBuilder json, String value) {
    json.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        default -> {
          if (c < 0x20 || c == '<' || c == '>') {
            json.append(String.format("\\u%04x", (int) c));
          } else {
            json.append(c);
          }
        }
      }
    }
    return json.append('"');
  }
}
