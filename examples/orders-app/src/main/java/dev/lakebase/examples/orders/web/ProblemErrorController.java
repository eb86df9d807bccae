package dev.lakebase.examples.orders.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error page (Spring Boot's {@code /error}, replacing its
 * BasicErrorController): errors raised outside the controllers' exception handler (a filter, the
 * container's own {@code sendError}) are problem JSON too, whatever the request's Accept header.
 */
@Controller
public class ProblemErrorController implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i && i >= 400 ? i : 500;
    Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String detail = status >= 500 || !(message instanceof String m) || m.isBlank()
        ? (status >= 500 ? "The request failed; the server log has the details" : ProblemJson.title(status))
        : m;
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    ProblemJson.write(response, status, detail, uri instanceof String s ? s : null);
  }
}
