package dev.lakebase.examples.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.examples.ingest.IngestProperties;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Database failures: retry advice only when a retry can help, and never the server's text. */
class ApiExceptionHandlerTest {

  private final ApiExceptionHandler handler = new ApiExceptionHandler(new IngestProperties(
      Map.of(), null, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofSeconds(30),
      Duration.ofSeconds(5), null));

  @Test
  void aDroppedSessionIsA503WithRetryAfter() {
    ResponseEntity<ProblemDetail> answer = handler.databaseFailure(failure(
        "An I/O error occurred while sending to the backend: secret-host", "08006"));

    assertThat(answer.getStatusCode().value()).isEqualTo(503);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
    assertThat(answer.getBody().getDetail()).doesNotContain("secret-host");
  }

  @Test
  void aMissingPrivilegeIsA500WithoutRetryAdviceOrServerText() {
    ResponseEntity<ProblemDetail> answer = handler.databaseFailure(failure(
        "permission denied for table ingest_tasks", "42501"));

    assertThat(answer.getStatusCode().value()).isEqualTo(500);
    assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNull();
    assertThat(answer.getBody().getDetail()).doesNotContain("ingest_tasks");
  }

  private static DataAccessException failure(String message, String sqlState) {
    return new DataAccessResourceFailureException("query failed",
        new SQLException(message, sqlState));
  }
}
