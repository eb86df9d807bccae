package dev.lakebase.examples.orders.web;

import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last-resort error page as problem JSON instead of HTML. It answers what never reaches
 * the application: requests the connector rejects before mapping them, such as a bad URL encoding
 * ({@code GET /orders/%00}). Installed on the host by {@link WebConfiguration}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    // Tomcat's own messages ("Invalid URI", ...) are fixed texts; a 5xx keeps its cause to the log.
    String message = response.getMessage();
    String detail = status >= 500 || message == null || message.isBlank()
        ? ProblemJson.title(status) : message;
    try {
      response.setSuspended(false);
      ProblemJson.write(response.getResponse(), status, detail, null);
    } catch (IOException | IllegalStateException e) {
      container.getLogger().debug("Could not write the problem response", e);
    }
  }
}
