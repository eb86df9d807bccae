package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.core.DatabricksError;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WorkspaceCredentialProviderTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static WorkspaceCredentialProvider provider(WorkspaceCredentialProvider.Minter m) {
    return new WorkspaceCredentialProvider("host|endpoint:e|dev", "Autoscaling endpoint e",
        "Lakebase endpoint e", "endpoint", m, CLOCK);
  }

  @Test
  void rfc3339ExpiriesInEveryCommonShape() {
    assertThat(WorkspaceCredentialProvider.parseExpiry("2026-11-23T15:04:05Z"))
        .isEqualTo(Instant.parse("2026-11-23T15:04:05Z"));
    assertThat(WorkspaceCredentialProvider.parseExpiry("2026-11-23T15:04:05.123456789Z"))
        .isEqualTo(Instant.parse("2026-11-23T15:04:05.123456789Z"));
    assertThat(WorkspaceCredentialProvider.parseExpiry("2026-11-23T16:04:05+01:00"))
        .isEqualTo(Instant.parse("2026-11-23T15:04:05Z"));
    assertThat(WorkspaceCredentialProvider.parseExpiry("tomorrow")).isNull();
    assertThat(WorkspaceCredentialProvider.parseExpiry("")).isNull();
    assertThat(WorkspaceCredentialProvider.parseExpiry(null)).isNull();
  }

  @Test
  void usesTheReturnedExpiry() throws Exception {
    Instant expiry = NOW.plusSeconds(3600);
    DatabaseCredential c = provider(() -> new WorkspaceCredentialProvider.Minted("tok", expiry))
        .mint();
    assertThat(c.token()).isEqualTo("tok");
    assertThat(c.expiresAt()).isEqualTo(expiry);
  }

  @Test
  void aMissingExpiryIsAssumedToBeOneHourMinusAMargin() throws Exception {
    DatabaseCredential c = provider(() -> new WorkspaceCredentialProvider.Minted("tok", null))
        .mint();
    assertThat(c.expiresAt()).isEqualTo(NOW.plus(WorkspaceCredentialProvider.ASSUMED_LIFETIME));
    assertThat(WorkspaceCredentialProvider.ASSUMED_LIFETIME).isLessThan(
        java.time.Duration.ofHours(1));
  }

  @Test
  void aResponseWithoutTokenIsATransientFailure() {
    assertThatThrownBy(() -> provider(() -> new WorkspaceCredentialProvider.Minted(" ", null))
        .mint())
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("without a token")
        .satisfies(e -> assertThat(((CredentialException) e).isTransient()).isTrue());
  }

  @Test
  void sdkErrorsAreTranslated() {
    assertThatThrownBy(() -> provider(() -> {
      throw new DatabricksError("NOT_FOUND", "gone", 404);
    }).mint())
        .isInstanceOf(CredentialException.class)
        .hasMessage("Lakebase endpoint e not found (HTTP 404 NOT_FOUND): check endpoint");
  }

  @Test
  void describesItselfWithoutSecrets() {
    WorkspaceCredentialProvider p = provider(() -> null);
    assertThat(p.cacheKey()).isEqualTo("host|endpoint:e|dev");
    assertThat(p.description()).isEqualTo("Autoscaling endpoint e");
  }
}
