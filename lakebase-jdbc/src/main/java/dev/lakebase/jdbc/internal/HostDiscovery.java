package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.database.DatabaseInstance;
import com.databricks.sdk.service.database.GetDatabaseInstanceRequest;
import com.databricks.sdk.service.postgres.Endpoint;
import com.databricks.sdk.service.postgres.EndpointHosts;
import com.databricks.sdk.service.postgres.EndpointType;
import com.databricks.sdk.service.postgres.GetEndpointRequest;
import com.databricks.sdk.service.postgres.ListEndpointsRequest;
import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.spi.CredentialException;

/** Looks up endpoint hosts through the workspace API. */
final class HostDiscovery {

  /**
   * A branch's READ_WRITE endpoint.
   *
   * @param endpointPath the endpoint's resource name, the scope of its credentials
   * @param host the host to connect to
   */
  record BranchEndpoint(String endpointPath, String host) {}

  private HostDiscovery() {}

  static String endpointHost(WorkspaceClient w, String path, boolean readOnly)
      throws CredentialException {
    Endpoint endpoint;
    try {
      endpoint = w.postgres().getEndpoint(new GetEndpointRequest().setName(path));
    } catch (RuntimeException e) {
      throw WorkspaceErrors.translate(e, "looking up the host of Lakebase endpoint " + path,
          "Lakebase endpoint " + path, ConfigKey.ENDPOINT.key());
    }
    return hostOf(endpoint, "Lakebase endpoint " + path, readOnly);
  }

  static BranchEndpoint branchEndpoint(WorkspaceClient w, LakebaseTarget.Branch branch, boolean readOnly)
      throws CredentialException {
    String resource = "Lakebase branch " + branch.path();
    Iterable<Endpoint> endpoints;
    try {
      endpoints = w.postgres().listEndpoints(new ListEndpointsRequest().setParent(branch.path()));
      for (Endpoint e : endpoints) {
        if (e.getStatus() != null
            && e.getStatus().getEndpointType() == EndpointType.ENDPOINT_TYPE_READ_WRITE) {
          return new BranchEndpoint(e.getName(), hostOf(e, "Lakebase endpoint " + e.getName(),
              readOnly));
        }
      }
    } catch (RuntimeException e) {
      throw WorkspaceErrors.translate(e, "listing the endpoints of " + resource, resource,
          "project and branch");
    }
    throw new CredentialException(
        resource + " has no READ_WRITE endpoint: check project and branch, or set endpoint",
        false, null);
  }

  static String instanceHost(WorkspaceClient w, String name, boolean readOnly)
      throws CredentialException {
    String resource = "Lakebase instance " + name;
    DatabaseInstance instance;
    try {
      instance = w.database().getDatabaseInstance(new GetDatabaseInstanceRequest().setName(name));
    } catch (RuntimeException e) {
      throw WorkspaceErrors.translate(e, "looking up the host of " + resource, resource,
          ConfigKey.INSTANCE.key());
    }
    return require(readOnly ? instance.getReadOnlyDns() : instance.getReadWriteDns(), resource,
        readOnly);
  }

  private static String hostOf(Endpoint endpoint, String resource, boolean readOnly)
      throws CredentialException {
    EndpointHosts hosts = endpoint.getStatus() == null ? null : endpoint.getStatus().getHosts();
    String host = hosts == null ? null : readOnly ? hosts.getReadOnlyHost() : hosts.getHost();
    return require(host, resource, readOnly);
  }

  private static String require(String host, String resource, boolean readOnly)
      throws CredentialException {
    if (host != null && !host.isBlank()) {
      return host;
    }
    if (readOnly) {
      throw new CredentialException(
          resource + " has no read-only host: unset readOnly or add a read replica", false, null);
    }
    // A compute that is still being created has no host yet: worth waiting for.
    throw new CredentialException(resource + " reports no host yet", true, null);
  }
}
