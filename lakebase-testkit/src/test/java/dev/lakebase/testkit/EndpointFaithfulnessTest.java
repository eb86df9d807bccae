package dev.lakebase.testkit;

import static dev.lakebase.testkit.TestClients.loginFailure;
import static dev.lakebase.testkit.TestClients.mintForEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointHosts;
import com.databricks.sdk.service.postgres.EndpointStatusState;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * The endpoint resource as databricks-sdk-java 0.141 reads it: the four hosts of {@code
 * EndpointHosts} (the pooled ones refuse token logins, as Lakebase's PgBouncer does for OAuth
 * roles), the states of {@code EndpointStatusState} as the compute suspends and wakes.
 */
@EmulatedLakebase
class EndpointFaithfulnessTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  @Test
  void endpointReportsItsFourHostsAndItsState(LakebaseEmulator emulator) {
    WorkspaceClient w = TestClients.workspace(emulator);
    EmulatedCompute compute = emulator.endpoint(PRIMARY);

    Endpoint endpoint = w.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY));
    EndpointHosts hosts = endpoint.getStatus().getHosts();
    assertThat(hosts.getHost()).isEqualTo(compute.host());
    assertThat(hosts.getReadOnlyHost()).isEqualTo(compute.readOnlyHost());
    assertThat(hosts.getReadWritePooledHost()).isEqualTo(compute.pooledHost())
        .matches("ep-primary-[0-9a-f]{6}-pooler\\.lakebase\\.test");
    assertThat(hosts.getReadOnlyPooledHost()).matches("ep-primary-[0-9a-f]{6}-ro-pooler\\.lakebase\\.test");
    assertThat(endpoint.getStatus().getDisabled()).isFalse();
    assertThat(endpoint.getStatus().getCurrentState()).isEqualTo(EndpointStatusState.ACTIVE);

    compute.suspend();
    assertThat(w.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY))
        .getStatus().getCurrentState()).isEqualTo(EndpointStatusState.IDLE);
    compute.wake();
    assertThat(w.postgres().getEndpoint(new GetEndpointRequest().setName(PRIMARY))
        .getStatus().getCurrentState()).isEqualTo(EndpointStatusState.ACTIVE);
  }

  @Test
  void pooledHostsRefuseTokenLogins(LakebaseEmulator emulator) throws Exception {
    WorkspaceClient w = TestClients.workspace(emulator);
    EmulatedCompute compute = emulator.endpoint(PRIMARY);
    String token = mintForEndpoint(w, PRIMARY);

    SQLException refused = loginFailure(emulator, compute.pooledHost(), emulator.defaultUser(), token);
    assertThat(refused.getSQLState()).isEqualTo("28000");
    assertThat(refused.getMessage()).contains("pooled (PgBouncer) host").contains(compute.host());
    assertThat(emulator.counters().loginsRejected(RejectReason.POOLED_HOST)).isEqualTo(1);
    assertThat(emulator.dns().resolve(compute.pooledHost())).isNotEmpty();
  }
}
