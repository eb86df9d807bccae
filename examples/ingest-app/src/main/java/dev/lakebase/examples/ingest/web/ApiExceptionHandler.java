package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.imports.ImportService.UploadTooLargeException;
import dev.lakebase.examples.ingest.table.JsonRecords.TooManyRecordsException;
import dev.lakebase.examples.ingest.table.MalformedJsonException;
import dev.lakebase.examples.ingest.table.UnknownTableException;
import dev.lakebase.examples.ingest.write.BufferFullException;
import dev.lakebase.examples.ingest.write.Receipt.RowsRejectedException;
import dev.lakebase.examples.ingest.write.SqlFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Maps failures to RFC 9457 problem answers; those worth retrying carry {@code Retry-After}. */
@RestControllerAdvice
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
