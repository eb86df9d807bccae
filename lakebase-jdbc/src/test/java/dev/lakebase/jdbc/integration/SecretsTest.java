package dev.lakebase.jdbc.integration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {

  private static final String JWT =
      "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJkZXZAZXhhbXBsZS5jb20ifQ.c2lnbmF0dXJlLWJ5dGVz";

  @Test
  void removesJwtShapedTokensWhereverTheyAppear() {
    String text = "FATAL: bad token " + JWT + " for user \"dev\"";
    assertThat(Secrets.redact(text))
        .doesNotContain(JWT)
        .doesNotContain("eyJ")
        .isEqualTo("FATAL: bad token <redacted> for user \"dev\"");
  }

  @Test
  void removesKnownSecretsEvenWhenNotJwtShaped() {
    assertThat(Secrets.redact("password=hunter2-secret;", "hunter2-secret"))
        .isEqualTo("password=<redacted>;");
  }

  @Test
  void removesPersonalAccessTokens() {
    assertThat(Secrets.redact("Bearer dapi0123456789abcdef0123456789abcdef"))
        .isEqualTo("Bearer <redacted>");
    assertThat(Secrets.redact("token dapi-emulator-dev")).isEqualTo("token <redacted>");
  }

  @Test
  void leavesOrdinaryTextAndNullAlone() {
    assertThat(Secrets.redact("connection refused (08001)", (String) null))
        .isEqualTo("connection refused (08001)");
    assertThat(Secrets.redact(null)).isNull();
  }
}
