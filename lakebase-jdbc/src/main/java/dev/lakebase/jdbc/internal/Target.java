package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.LakebaseConfig;

/** What a configuration connects to, as the internals need it. */
public sealed interface Target {

  /**
   * An Autoscaling endpoint.
   *
   * @param path {@code projects/{p}/branches/{b}/endpoints/{e}}
   */
  record Endpoint(String path) implements Target {}

  /**
   * An Autoscaling branch whose READ_WRITE endpoint is discovered.
   *
   * @param project the project id
   * @param branch the branch id
   */
  record Branch(String project, String branch) implements Target {
    /**
     * The branch's resource name.
     *
     * @return {@code projects/{p}/branches/{b}}
     */
    public String path() {
      return "projects/" + project + "/branches/" + branch;
    }
  }

  /**
   * A Provisioned instance.
   *
   * @param name the instance name
   */
  record Instance(String name) implements Target {}

  /** An explicit host with its own credentials (plain PostgreSQL). */
  record Host() implements Target {}

  /**
   * The target of a validated configuration.
   *
   * @param config the configuration
   * @return the target
   */
  static Target of(LakebaseConfig config) {
    if (config.endpoint().isPresent()) {
      return new Endpoint(config.endpoint().get());
    }
    if (config.project().isPresent()) {
      return new Branch(config.project().get(), config.branch().orElseThrow());
    }
    if (config.instance().isPresent()) {
      return new Instance(config.instance().get());
    }
    return new Host();
  }
}
