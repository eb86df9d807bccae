package dev.lakebase.spring.autoconfigure;

import dev.lakebase.jdbc.spi.HostResolver;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and how to connect to Lakebase, as a bean: Spring Boot's {@code ConnectionDetails}
 * pattern. When the context has one, {@link LakebaseAutoConfiguration} takes the target,
 * workspace and host resolution from it (over the {@code lakebase.*} properties, which still
 * tune everything else: pool, budgets, TLS mode); without one, everything comes from the
 * properties as before.
 *
 * <p>Meant for code that knows the connection better than the configuration files do: the
 * testkit's {@code @AutoConfigureLakebaseEmulator} and {@code LakebaseEmulatorConfiguration}
 * provide one that points at a local emulator. Every method but {@link #endpoint()} has a
 * default that leaves the matching property in charge.
 */
public interface LakebaseConnectionDetails extends ConnectionDetails {

  /**
   * @return the Autoscaling endpoint path, {@code projects/<p>/branches/<b>/endpoints/<e>}; or
   *     {@code null} when {@link #instance()} names the target
   */
  String endpoint();

  /** @return a Provisioned instance name, or {@code null} (the default) */
  default String instance() {
    return null;
  }

  /** @return the PostgreSQL port to connect to, or {@code null} for {@code lakebase.port} */
  default Integer port() {
    return null;
  }

  /**
   * @return the workspace URL that mints the credentials, or {@code null} for {@code
   *     lakebase.databricks.*} and Databricks unified auth
   */
  default String workspaceHost() {
    return null;
  }

  /**
   * @return a workspace (personal access) token for {@link #workspaceHost()}, or {@code null};
   *     with a host and a token the auto-configured workspace client uses exactly these ({@code
   *     auth_type=pat}), ignoring the machine's {@code DATABRICKS_*} variables and profiles
   */
  default String workspaceToken() {
    return null;
  }

  /**
   * @return how to resolve the endpoint host names, or {@code null} for the application's
   *     {@link HostResolver} bean (or system DNS)
   */
  default HostResolver hostResolver() {
    return null;
  }
}
