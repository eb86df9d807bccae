package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksError;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.InternalError;
import com.databricks.sdk.core.error.platform.InvalidParameterValue;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.TemporarilyUnavailable;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected workspace API faults as the real Databricks SDK sees them (it retries 429/503 itself, 4 attempts). */
@EmulatedLakebase
class WorkspaceApiFaultTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";
  private static final String CREDENTIALS = "/api/2.0/postgres/credentials";

  private static WorkspaceClient workspace;
  private LakebaseEmulator emulator;

  @BeforeAll
  static void client(LakebaseEmulator emulator) {
    workspace = TestClients.workspace(emulator);
  }

  @BeforeEach
  void clean(LakebaseEmulator emulator) {
    emulator.reset();
    this.emulator = emulator;
  }

  @Test
  void http500IsNotRetriedAndSurfacesAsInternalError() {
    emulator.api().failNext(1, 500);

    assertThatThrownBy(() -> mintForEndpoint(workspace, PRIMARY)).isInstanceOf(InternalError.class)
        .hasMessageContaining("Injected fault");
    assertThat(emulator.counters().mintFailures()).isEqualTo(1);
    assertThat(emulator.counters().apiCalls(CREDENTIALS)).isEqualTo(1);
    assertThat(mintForEndpoint(workspace, PRIMARY)).as("only one call was failed").startsWith("eyJ");
  }

  @Test
  void http503OnEveryAttemptMakesTheSdkGiveUp() {
    emulator.api().failNext(4, 503, CREDENTIALS);

    assertThatThrownBy(() -> mintForEndpoint(workspace, PRIMARY)).isInstanceOf(DatabricksException.class)
        .hasMessageContaining("failed after 4 retries")
        .hasCauseInstanceOf(TemporarilyUnavailable.class);
    assertThat(emulator.counters().apiCalls(CREDENTIALS)).isEqualTo(4);
    assertThat(emulator.counters().mintFailures()).isEqualTo(4);
    assertThat(emulator.counters().mints()).isZero();
  }

  @Test
  void http429IsRetriedByTheSdkAfterRetryAfter() {
    emulator.api().failNext(1, 429, CREDENTIALS);

    assertThat(mintForEndpoint(workspace, PRIMARY)).startsWith("eyJ");
    assertThat(emulator.counters().apiCalls(CREDENTIALS)).isEqualTo(2);
    assertThat(emulator.counters().mints()).isEqualTo(1);
    assertThat(emulator.counters().mintFailures()).isEqualTo(1);
  }

  @Test
  void faultsWithAPathPrefixLeaveOtherCallsAlone() {
    emulator.api().failNext(1, 500, CREDENTIALS);

    assertThat(workspace.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY)).getName())
        .isEqualTo(PRIMARY);
    assertThatThrownBy(() -> mintForEndpoint(workspace, PRIMARY)).isInstanceOf(InternalError.class);
  }

  @Test
  void failAllUntilCleared() {
    emulator.api().failAll(500);
    assertThatThrownBy(() -> mintForEndpoint(workspace, PRIMARY)).isInstanceOf(InternalError.class);
    assertThatThrownBy(() -> workspace.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY)))
        .isInstanceOf(InternalError.class);

    emulator.api().clear();

    assertThat(mintForEndpoint(workspace, PRIMARY)).startsWith("eyJ");
  }

  @Test
  void unknownEndpointIsNotFoundAndMalformedIsInvalid() {
    assertThatThrownBy(() -> mintForEndpoint(workspace, "projects/demo/branches/main/endpoints/nope"))
        .isInstanceOf(NotFound.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> workspace.postgres().getEndpoint(
        new GetEndpointRequest().setName("projects/demo/branches/main/endpoints/nope")))
        .isInstanceOf(NotFound.class);
    assertThatThrownBy(() -> workspace.postgres().generateDatabaseCredential(
        new GenerateDatabaseCredentialRequest().setEndpoint("demo-instance")))
        .isInstanceOf(InvalidParameterValue.class).hasMessageContaining("endpoint");
    assertThatThrownBy(() -> TestClients.mintForInstance(workspace, "no-such-instance"))
        .isInstanceOf(NotFound.class);
    assertThat(emulator.counters().mintFailures()).isEqualTo(3);
  }

  @Test
  void unknownPatIsUnauthenticated() {
    WorkspaceClient stranger = TestClients.workspace(emulator, "dapi-not-a-real-token");

    assertThatThrownBy(() -> mintForEndpoint(stranger, PRIMARY)).isInstanceOf(Unauthenticated.class)
        .satisfies(e -> assertThat(((DatabricksError) e).getErrorCode()).isEqualTo("UNAUTHENTICATED"));
  }

  @Test
  void latencyHoldsTheCallAfterItArrives() throws Exception {
    emulator.api().latency(Duration.ofSeconds(2));

    CompletableFuture<String> mint = CompletableFuture.supplyAsync(() -> mintForEndpoint(workspace, PRIMARY));

    await().atMost(Duration.ofSeconds(30)).until(() -> emulator.counters().apiCalls(CREDENTIALS) == 1);
    assertThat(emulator.counters().mints()).as("the call has arrived but is held by the added latency").isZero();
    assertThat(mint).isNotDone();

    assertThat(mint.get(30, TimeUnit.SECONDS)).startsWith("eyJ");
    assertThat(emulator.counters().mints()).isEqualTo(1);
  }
}
