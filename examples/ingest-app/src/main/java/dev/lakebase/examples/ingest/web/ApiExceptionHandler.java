package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.imports.ImportService.UploadTooLargeException;
import dev.lakebase.examples.ingest.table.JsonRecords.TooManyRecordsException;
import dev.lakebase.examples.ingest.table.MalformedJsonException;
import dev.lakebase.examples.ingest.table.UnknownTableException;
import dev.lakebase.examples.ingest.write.BufferFullException;
import dev.lakebase.examples.ingest.write.Receipt.RowsRejectedException;
import dev.lakebase.examples.ingest.write.SqlFailures;
import dev.lakebase.examples.ingest.imports.BulkLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps failures to RFC 9457 problem answers; those worth retrying carry {@code Retry-After}.
 * Ordered before Spring Boot's problem-details advice so that its 415 gets our explanation.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  private final String retryAfterSeconds;

  ApiExceptionHandler(IngestProperties properties) {
    this.retryAfterSeconds = Long.toString(
        Math.max(1, (properties.retryAfter().toMillis() + 999) / 1000));
  }

  @ExceptionHandler({UnknownTableException.class, UnknownTaskException.class})
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(ValidationFailedException.class)
  ProblemDetail invalid(ValidationFailedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        e.getMessage());
    problem.setProperty("errorCount", e.errorCount());
    problem.setProperty("errors", e.errors());
    return problem;
  }

  /**
   * A wrong content type: say what the endpoint takes. A form body (curl's {@code -d} without a
   * {@code Content-Type}) is named as such: its fields were parsed as form parameters, which is
   * why the body used to look empty.
   */
  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ProblemDetail> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
    MediaType sent = e.getContentType();
    String accepted = e.getSupportedMediaTypes().stream().map(MediaType::toString)
        .collect(Collectors.joining(", "));
    String detail = sent == null ? "the request has no Content-Type; this endpoint takes " + accepted
        : MediaType.APPLICATION_FORM_URLENCODED.includes(sent)
            ? "the body was sent as an HTML form (application/x-www-form-urlencoded, curl's default"
                + " for -d); send it with -H 'Content-Type: " + (e.getSupportedMediaTypes().isEmpty()
                    ? "application/json" : e.getSupportedMediaTypes().get(0)) + "'; this endpoint takes "
                + accepted
            : "Content-Type " + sent + " is not supported here; this endpoint takes " + accepted;
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
        detail);
    return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
        .header(HttpHeaders.ACCEPT, accepted).body(problem);
  }

  @ExceptionHandler(BulkLoader.BadBodyException.class)
  ProblemDetail badBody(BulkLoader.BadBodyException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        e.getMessage());
    problem.setProperty("badLineCount", e.badLineCount());
    problem.setProperty("badLines", e.badLines());
    return problem;
  }

  /** The database refused a bulk load's data (a CHECK the validator does not know). */
  @ExceptionHandler(DataIntegrityViolationException.class)
  ProblemDetail refused(DataIntegrityViolationException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
  }

  @ExceptionHandler(MalformedJsonException.class)
  ProblemDetail malformed(MalformedJsonException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler({TooManyRecordsException.class, UploadTooLargeException.class})
  ProblemDetail tooLarge(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
  }

  @ExceptionHandler(RowsRejectedException.class)
  ProblemDetail rejected(RowsRejectedException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
  }

  @ExceptionHandler(BufferFullException.class)
  ResponseEntity<ProblemDetail> bufferFull(BufferFullException e) {
    HttpStatus status = e.unavailable() ? HttpStatus.SERVICE_UNAVAILABLE
        : HttpStatus.TOO_MANY_REQUESTS;
    return retryLater(status, ProblemDetail.forStatusAndDetail(status, e.getMessage()));
  }

  @ExceptionHandler(NotCommittedException.class)
  ResponseEntity<ProblemDetail> notCommitted(NotCommittedException e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT,
        e.getMessage());
    if (!e.ingestIds().isEmpty()) {
      problem.setProperty("ingestIds", e.ingestIds());
    }
    return retryLater(HttpStatus.GATEWAY_TIMEOUT, problem);
  }

  /**
   * A failure on the database: 503 with Retry-After when retrying can help (the writers' own
   * classification), 500 otherwise. The server's text stays in the log, not in the response.
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<ProblemDetail> databaseFailure(DataAccessException e) {
    if (SqlFailures.classify(e) == SqlFailures.TRANSIENT) {
      log.warn("Request failed on the database, retryable: {}", e.getMessage());
      return retryLater(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(
          HttpStatus.SERVICE_UNAVAILABLE, "the database is unavailable; retry later"));
    }
    log.error("Request failed on the database", e);
    return ResponseEntity.internalServerError().body(ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "the request failed on the database; see the server log"));
  }

  private ResponseEntity<ProblemDetail> retryLater(HttpStatus status, ProblemDetail problem) {
    return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
        .body(problem);
  }
}
