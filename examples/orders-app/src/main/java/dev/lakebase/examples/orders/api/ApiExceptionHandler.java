package dev.lakebase.examples.orders.api;

import dev.lakebase.examples.orders.web.BodyTooLargeException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as RFC 9457 (formerly 7807) problem JSON: 400 naming the offending parameter or
 * field in {@code field}, 404 for a missing order, 503 with {@code Retry-After} when the database
 * cannot be reached within the connect budget, 500 for anything else (details only in the log).
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  /** Seconds a client should wait before retrying when the database is unavailable. */
  static final int RETRY_AFTER_SECONDS = 5;
  /** Fields of the responses that the server computes: a request must not send them. */
  static final Set<String> READ_ONLY = Set.of("o_orderkey", "o_orderstatus", "o_totalprice",
      "o_shippriority", "l_orderkey", "l_linenumber", "l_extendedprice", "l_returnflag",
      "l_linestatus");
  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler
  ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
    return badRequest(e.field(), e.getMessage());
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> notFound(OrderNotFoundException e) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(problem(HttpStatus.NOT_FOUND, "Order not found", e.getMessage()));
  }

  /** A row broke a constraint: the whole transaction was rolled back. */
  @ExceptionHandler
  ResponseEntity<ProblemDetail> constraintViolated(DataIntegrityViolationException e) {
    Optional<ServerErrorMessage> server = serverMessage(e);
    String field = server.map(ApiExceptionHandler::column).orElse(null);
    String reason = server.map(ServerErrorMessage::getMessage).orElse("a constraint was violated");
    return badRequest(field, "The database rejected the request, nothing was stored: " + reason);
  }

  @ExceptionHandler
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (databaseUnavailable(e)) {
      log.warn("Database unavailable, answering 503: {}", rootMessage(e));
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
          .body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Database unavailable",
              "The database could not be reached within the connect budget (it may be waking"
                  + " up or unavailable); retry after " + RETRY_AFTER_SECONDS + " seconds"));
    }
    log.error("Request failed", e);
    return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error", "The request failed; the server log has the details"));
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String field = e.getPropertyName() != null ? e.getPropertyName() : "parameter";
    String type = e.getRequiredType() == null ? "value" : switch (e.getRequiredType().getSimpleName()) {
      case "int", "long", "Integer", "Long" -> "an integer";
      default -> "a " + e.getRequiredType().getSimpleName();
    };
    return new ResponseEntity<>(problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
        field + " must be " + type + ", not '" + e.getValue() + "'", field), HttpStatus.BAD_REQUEST);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BodyTooLargeException tooLarge) {
        return new ResponseEntity<>(problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large",
            tooLarge.getMessage()), headers, HttpStatus.CONTENT_TOO_LARGE);
      }
    }
    if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
      // Strict bodies: a typo (o_orderpriorty) must not silently take the default, and a
      // computed field (o_totalprice) must not look accepted.
      String field = jsonPath(unknown);
      String name = unknown.getPropertyName();
      String detail = READ_ONLY.contains(name)
          ? field + " is read-only: the server computes it; remove it from the request"
          : field + " is not a field of this request" + known(unknown);
      problem = problem(HttpStatus.BAD_REQUEST,
          READ_ONLY.contains(name) ? "Read-only field" : "Unknown field", detail, field);
    } else if (e.getCause() instanceof JacksonException json) {
      String field = jsonPath(json);
      String detail = "Malformed JSON request body" + (field == null ? "" : " at " + field)
          + ": " + json.getOriginalMessage()
          + (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr()
              + ", column " + json.getLocation().getColumnNr() + ")");
      problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body", detail, field);
    } else {
      problem = problem(HttpStatus.BAD_REQUEST, "Malformed request body",
          "A JSON request body is required");
    }
    return new ResponseEntity<>(problem, HttpStatus.BAD_REQUEST);
  }

  private static String known(UnrecognizedPropertyException e) {
    if (e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty()) {
      return "";
    }
    return " (known fields: " + e.getKnownPropertyIds().stream().map(String::valueOf).sorted()
        .reduce((a, b) -> a + ", " + b).orElse("") + ")";
  }

  private static ResponseEntity<ProblemDetail> badRequest(String field, String detail) {
    return ResponseEntity.badRequest()
        .body(problem(HttpStatus.BAD_REQUEST, "Invalid parameter", detail, field));
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail,
      String field) {
    ProblemDetail problem = problem(status, title, detail);
    if (field != null) {
      problem.setProperty("field", field);
    }
    return problem;
  }

  /** {@code lineitems[0].l_quantity} from Jackson's path, or null when there is none. */
  private static String jsonPath(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? null : path.toString();
  }

  /**
   * The column a violation is about: PostgreSQL names it for NOT NULL; CHECK constraints are
   * named {@code <table>_<column>_check} in the migrations.
   */
  private static String column(ServerErrorMessage message) {
    if (message.getColumn() != null) {
      return message.getColumn();
    }
    String constraint = message.getConstraint();
    String table = message.getTable();
    if (constraint != null && table != null && constraint.startsWith(table + "_")
        && constraint.endsWith("_check")) {
      return constraint.substring(table.length() + 1, constraint.length() - "_check".length());
    }
    return constraint;
  }

  private static Optional<ServerErrorMessage> serverMessage(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
        return Optional.of(psql.getServerErrorMessage());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the database could not be reached or the session was lost: the pool timed out
   * waiting for a connection (the connect budget is spent), or a connection died (e.g. the
   * endpoint was suspended mid-request). Retrying later can succeed.
   */
  static boolean databaseUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = next(t)) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof TransientDataAccessException
          || t instanceof SQLTransientConnectionException) {
        return true;
      }
      // The commit or rollback itself failed: on a dead session Spring throws that failure
      // (a pool's "Connection is closed", with no SQLState), not the query's exception.
      if (t instanceof TransactionSystemException && t.getCause() instanceof SQLException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
        return true;
      }
    }
    return false;
  }

  /** The cause, or for a JDBC batch the exception of the failed statement. */
  private static Throwable next(Throwable t) {
    if (t.getCause() == null && t instanceof BatchUpdateException batch) {
      return batch.getNextException();
    }
    return t.getCause() == t ? null : t.getCause();
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (next(root) != null) {
      root = next(root);
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
