package dev.lakebase.jdbc.spi;

import com.databricks.sdk.WorkspaceClient;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.internal.StaticCredentialProvider;
import dev.lakebase.jdbc.internal.WorkspaceCredentialProvider;

/** Factories for the built-in credential providers. */
public final class CredentialProviders {

  private CredentialProviders() {}

  /**
   * Mints endpoint-scoped credentials for a Lakebase Autoscaling endpoint through {@code
   * w.postgres().generateDatabaseCredential}.
   *
   * @param workspace the workspace client whose identity the tokens are minted for
   * @param endpointPath {@code projects/{p}/branches/{b}/endpoints/{e}}
   * @param identity the identity the workspace client authenticates as (the login user)
   * @return the provider
   */
  public static CredentialProvider autoscaling(
      WorkspaceClient workspace, String endpointPath, String identity) {
    return WorkspaceCredentialProvider.autoscaling(workspace, endpointPath, identity);
  }

  /**
   * Mints instance-scoped credentials for a Lakebase Provisioned instance through {@code
   * w.database().generateDatabaseCredential}.
   *
   * @param workspace the workspace client whose identity the tokens are minted for
   * @param instanceName the database instance name
   * @param identity the identity the workspace client authenticates as (the login user)
   * @return the provider
   */
  public static CredentialProvider provisioned(
      WorkspaceClient workspace, String instanceName, String identity) {
    return WorkspaceCredentialProvider.provisioned(workspace, instanceName, identity);
  }

  /**
   * Mints credentials for a configuration's target (an Autoscaling endpoint or a Provisioned
   * instance) as the identity of a given workspace client, asking for the configuration's {@code
   * tokenTtl} and READ_ONLY claims: how on-behalf-of-user credentials are minted with a user's
   * workspace token.
   *
   * @param workspace the workspace client whose identity the tokens are minted for
   * @param config the configuration naming the target and what to ask for
   * @param identity the identity the workspace client authenticates as (the login user)
   * @return the provider
   * @throws IllegalArgumentException when the target is a project + branch or a bare host: set
   *     {@code endpoint} or {@code instance}
   */
  public static CredentialProvider forTarget(
      WorkspaceClient workspace, LakebaseConfig config, String identity) {
    WorkspaceCredentialProvider.Request request = WorkspaceCredentialProvider.Request.of(config);
    if (config.target() instanceof LakebaseTarget.Endpoint e) {
      return WorkspaceCredentialProvider.autoscaling(workspace, e.path(), identity, request);
    }
    if (config.target() instanceof LakebaseTarget.Instance i) {
      return WorkspaceCredentialProvider.provisioned(workspace, i.name(), identity, request);
    }
    throw new IllegalArgumentException("Credentials can be minted for an Autoscaling endpoint or"
        + " a Provisioned instance only, not for " + config.describeTarget()
        + ": set endpoint (LAKEBASE_ENDPOINT) or instance");
  }

  /**
   * A fixed password for plain PostgreSQL (or a native PostgreSQL role); it never expires.
   *
   * @param password the password
   * @return the provider
   */
  public static CredentialProvider staticPassword(String password) {
    return new StaticCredentialProvider(password);
  }
}
