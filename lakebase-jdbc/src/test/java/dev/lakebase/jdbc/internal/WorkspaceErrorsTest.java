package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import dev.lakebase.jdbc.spi.CredentialException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class WorkspaceErrorsTest {

  private static CredentialException translate(RuntimeException e) {
    return WorkspaceErrors.translate(e, "minting a credential for Autoscaling endpoint x",
        "Lakebase endpoint projects/p/branches/b/endpoints/x", "endpoint");
  }

  @Test
  void notFoundIsPermanentAndNamesTheSetting() {
    CredentialException e = translate(new DatabricksError("NOT_FOUND", "no such endpoint", 404));
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).isEqualTo("Lakebase endpoint projects/p/branches/b/endpoints/x"
        + " not found (HTTP 404 NOT_FOUND): check endpoint");
  }

  @Test
  void authProblemsArePermanentAndPointAtTheWorkspaceClient() {
    CredentialException unauthenticated =
        translate(new DatabricksError("UNAUTHENTICATED", "bad token", 401));
    assertThat(unauthenticated.isTransient()).isFalse();
    assertThat(unauthenticated.getMessage()).contains("HTTP 401", "databricksProfile");
    CredentialException denied =
        translate(new DatabricksError("PERMISSION_DENIED", "nope", 403));
    assertThat(denied.isTransient()).isFalse();
    assertThat(denied.getMessage()).contains("Permission denied", "HTTP 403");
    assertThat(translate(new DatabricksError("INVALID_PARAMETER_VALUE", "bad", 400))
        .isTransient()).isFalse();
  }

  @Test
  void throttlingAndServerErrorsAreTransientEvenAfterTheSdkGaveUp() {
    DatabricksError unavailable = new DatabricksError("TEMPORARILY_UNAVAILABLE", "busy", 503);
    CredentialException e = translate(
        new DatabricksException("Request POST /api/2.0/postgres/credentials failed after 4"
            + " retries", unavailable));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.getMessage()).contains("HTTP 503 TEMPORARILY_UNAVAILABLE: busy")
        .doesNotContain("/api/2.0");
    assertThat(translate(new DatabricksError("RESOURCE_EXHAUSTED", "slow down", 429))
        .isTransient()).isTrue();
    assertThat(translate(new DatabricksError("INTERNAL_ERROR", "oops", 500)).isTransient())
        .isTrue();
  }

  @Test
  void ioFailuresAreTransient() {
    CredentialException e = translate(new DatabricksError("IO_ERROR", 523,
        new IOException("Connection refused")));
    assertThat(e.isTransient()).isTrue();
    assertThat(e.getMessage()).contains("unreachable");
  }

  @Test
  void configurationProblemsArePermanent() {
    CredentialException e = translate(new DatabricksException(
        "default auth: cannot configure default credentials"));
    assertThat(e.isTransient()).isFalse();
    assertThat(e.getMessage()).contains("cannot configure default credentials",
        "databricksHost");
  }

  @Test
  void serverMessagesAreRedacted() {
    String jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln";
    CredentialException e = translate(new DatabricksError("INTERNAL_ERROR", "echo " + jwt, 500));
    assertThat(e.getMessage()).doesNotContain(jwt).contains("<redacted>");
  }
}
