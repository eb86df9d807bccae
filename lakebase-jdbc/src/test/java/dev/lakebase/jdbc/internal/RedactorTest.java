package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

  private static final String JWT =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXZAZXhhbXBsZS5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz";

  @Test
  void removesJwtShapedTokensWhereverTheyAppear() {
    String text = "FATAL: bad token " + JWT + " for user \"dev\"";
    assertThat(Redactor.redact(text))
        .doesNotContain(JWT)
        .doesNotContain("eyJ")
        .isEqualTo("FATAL: bad token <redacted> for user \"dev\"");
  }

  @Test
  void removesKnownSecretsEvenWhenNotJwtShaped() {
    assertThat(Redactor.redact("password=hunter2-secret;", "hunter2-secret"))
        .isEqualTo("password=<redacted>;");
  }

  @Test
  void removesPersonalAccessTokens() {
    assertThat(Redactor.redact("Bearer dapi0123456789abcdef0123456789abcdef"))
        .isEqualTo("Bearer <redacted>");
    assertThat(Redactor.redact("token dapi-emulator-dev")).isEqualTo("token <redacted>");
  }

  @Test
  void leavesOrdinaryTextAndNullAlone() {
    assertThat(Redactor.redact("connection refused (08001)", (String) null))
        .isEqualTo("connection refused (08001)");
    assertThat(Redactor.redact(null)).isNull();
  }
}
