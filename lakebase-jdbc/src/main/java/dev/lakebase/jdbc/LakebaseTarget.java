package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.ResourceNames;

/**
 * What a configuration connects to and mints credentials for: an Autoscaling {@link Endpoint}, an
 * Autoscaling {@link Branch} (whose READ_WRITE endpoint is discovered), a Provisioned {@link
 * Instance}, or a plain PostgreSQL {@link Host} that brings its own password.
 *
 * <p>Exactly one target per configuration; {@link LakebaseConfig#target()} returns it. The
 * factories and record constructors check the names with the same rules as the configuration keys
 * and throw {@link LakebaseConfigException} naming the key.
 *
 * <pre>{@code
 * LakebaseConfig.builder().target(LakebaseTarget.endpoint("projects/p/branches/main/endpoints/primary"))
 * }</pre>
 */
public sealed interface LakebaseTarget {

  /**
   * A Lakebase Autoscaling endpoint: credentials are minted for it ({@code w.postgres()}) and its
   * host is discovered unless {@code host} is set.
   *
   * @param path {@code projects/{project}/branches/{branch}/endpoints/{endpoint}}
   */
  record Endpoint(String path) implements LakebaseTarget {
    /**
     * Checks the path.
     *
     * @param path the endpoint path
     * @throws LakebaseConfigException naming {@code endpoint} when the path is malformed
     */
    public Endpoint {
      ResourceNames.require(ConfigKey.ENDPOINT, path);
    }

    /**
     * The project id.
     *
     * @return the first path segment's id
     */
    public String project() {
      return path.split("/")[1];
    }

    /**
     * The branch id.
     *
     * @return the branch segment's id
     */
    public String branch() {
      return path.split("/")[3];
    }

    /**
     * The endpoint id.
     *
     * @return the last path segment
     */
    public String endpointId() {
      return path.split("/")[5];
    }

    @Override
    public String describe() {
      return "Autoscaling endpoint " + path;
    }
  }

  /**
   * A Lakebase Autoscaling branch: its READ_WRITE endpoint (READ_ONLY with {@code readOnly}) is
   * discovered through the workspace API and credentials are minted for it.
   *
   * @param project the project id
   * @param branch the branch id
   */
  record Branch(String project, String branch) implements LakebaseTarget {
    /**
     * Checks both ids.
     *
     * @param project the project id
     * @param branch the branch id
     * @throws LakebaseConfigException naming {@code project} or {@code branch}
     */
    public Branch {
      ResourceNames.require(ConfigKey.PROJECT, project);
      ResourceNames.require(ConfigKey.BRANCH, branch);
    }

    /**
     * The branch's resource name.
     *
     * @return {@code projects/{project}/branches/{branch}}
     */
    public String path() {
      return "projects/" + project + "/branches/" + branch;
    }

    @Override
    public String describe() {
      return "Autoscaling branch " + path();
    }
  }

  /**
   * A Lakebase Provisioned database instance ({@code w.database()}).
   *
   * @param name the instance name
   */
  record Instance(String name) implements LakebaseTarget {
    /**
     * Checks the name.
     *
     * @param name the instance name
     * @throws LakebaseConfigException naming {@code instance} when the name is malformed
     */
    public Instance {
      ResourceNames.require(ConfigKey.INSTANCE, name);
    }

    @Override
    public String describe() {
      return "Provisioned instance " + name;
    }
  }

  /**
   * A plain PostgreSQL host (or a native PostgreSQL role on Lakebase) whose password the
   * configuration supplies: nothing is minted or discovered.
   *
   * @param host the host name
   */
  record Host(String host) implements LakebaseTarget {
    /**
     * Checks that the host is not blank.
     *
     * @param host the host name
     * @throws LakebaseConfigException naming {@code host} when blank
     */
    public Host {
      if (host == null || host.isBlank()) {
        throw new LakebaseConfigException(ConfigKey.HOST.key(), "host must not be blank");
      }
    }

    @Override
    public String describe() {
      return "PostgreSQL host " + host;
    }
  }

  /**
   * An Autoscaling endpoint.
   *
   * @param path {@code projects/{p}/branches/{b}/endpoints/{e}}
   * @return the target
   * @throws LakebaseConfigException when the path is malformed
   */
  static Endpoint endpoint(String path) {
    return new Endpoint(path);
  }

  /**
   * An Autoscaling branch (its READ_WRITE endpoint is discovered).
   *
   * @param project the project id
   * @param branch the branch id
   * @return the target
   * @throws LakebaseConfigException when an id is malformed
   */
  static Branch branch(String project, String branch) {
    return new Branch(project, branch);
  }

  /**
   * A Provisioned instance.
   *
   * @param name the instance name
   * @return the target
   * @throws LakebaseConfigException when the name is malformed
   */
  static Instance instance(String name) {
    return new Instance(name);
  }

  /**
   * A plain PostgreSQL host with its own password.
   *
   * @param host the host name
   * @return the target
   */
  static Host host(String host) {
    return new Host(host);
  }

  /**
   * Describes the target for messages, logs and events.
   *
   * @return e.g. {@code Autoscaling endpoint projects/p/branches/b/endpoints/e}
   */
  String describe();
}
