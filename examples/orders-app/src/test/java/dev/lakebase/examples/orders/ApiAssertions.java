package dev.lakebase.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;

/** Assertions on the API's responses. */
final class ApiAssertions {

  private ApiAssertions() {}

  /**
   * Asserts an RFC 9457 problem response.
   *
   * @param response the response
   * @param status the expected status
   * @param field the parameter or field the problem must name, or null
   * @return the problem
   */
  static JsonNode assertProblem(Http.Response response, int status, String field) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    assertThat(response.header("Content-Type")).contains("application/problem+json");
    JsonNode problem = response.json();
    assertThat(problem.get("status").asInt()).isEqualTo(status);
    assertThat(problem.get("title").asString()).isNotBlank();
    assertThat(problem.get("detail").asString()).isNotBlank();
    if (field != null) {
      assertThat(problem.has("field")).as(response.body()).isTrue();
      assertThat(problem.get("field").asString()).isEqualTo(field);
      assertThat(problem.get("detail").asString()).contains(field);
    }
    return problem;
  }

  /**
   * @param response a response
   * @return it, after checking it is 200 with the process time header
   */
  static Http.Response assertOk(Http.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("X-Process-Time")).hasValueSatisfying(
        value -> assertThat(Double.parseDouble(value)).isNotNegative());
    return response;
  }
}
