package dev.lakebase.jdbc.spi;

import com.databricks.sdk.WorkspaceClient;
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
   * A fixed password for plain PostgreSQL (or a native PostgreSQL role); it never expires.
   *
   * @param password the password
   * @return the provider
   */
  public static CredentialProvider staticPassword(String password) {
    return new StaticCredentialProvider(password);
  }
}
