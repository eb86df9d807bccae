package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.LakebaseTarget;
import dev.lakebase.jdbc.SslMode;
import dev.lakebase.jdbc.integration.DurationText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The cross-field rules of a configuration, each failing with the key to fix. */
final class ConfigRules {

  private static final ConfigKey[] TARGET_KEYS =
      {ConfigKey.ENDPOINT, ConfigKey.PROJECT, ConfigKey.INSTANCE};

  private ConfigRules() {}

  /** The one target the settings name: an endpoint, a branch, an instance or a bare host. */
  static LakebaseTarget target(RawSettings raw, SettingParser p, Optional<String> host,
      boolean ownCredentials) {
    Optional<String> endpoint = p.text(ConfigKey.ENDPOINT);
    Optional<String> project = p.text(ConfigKey.PROJECT);
    Optional<String> branch = p.text(ConfigKey.BRANCH);
    Optional<String> instance = p.text(ConfigKey.INSTANCE);
    if (project.isPresent() != branch.isPresent()) {
      ConfigKey missing = project.isPresent() ? ConfigKey.BRANCH : ConfigKey.PROJECT;
      ConfigKey present = project.isPresent() ? ConfigKey.PROJECT : ConfigKey.BRANCH;
      throw new LakebaseConfigException(
          missing.key(),
          present.display() + " is set but " + missing.display() + " is missing: set both"
              + " project and branch to discover the branch's READ_WRITE endpoint");
    }
    List<ConfigKey> set = new ArrayList<>();
    for (ConfigKey k : TARGET_KEYS) {
      if (raw.has(k)) {
        set.add(k);
      }
    }
    if (set.size() > 1) {
      throw new LakebaseConfigException(
          set.get(0).key(),
          "Conflicting Lakebase targets: " + raw.describe(set.get(0)) + " and "
              + raw.describe(set.get(1)) + " are both set; set only one of endpoint,"
              + " project+branch, instance");
    }
    if (endpoint.isPresent()) {
      return new LakebaseTarget.Endpoint(endpoint.get());
    }
    if (project.isPresent()) {
      return new LakebaseTarget.Branch(project.get(), branch.get());
    }
    if (instance.isPresent()) {
      return new LakebaseTarget.Instance(instance.get());
    }
    if (host.isPresent() && ownCredentials) {
      return new LakebaseTarget.Host(host.get());
    }
    if (host.isPresent()) {
      throw new LakebaseConfigException(
          ConfigKey.ENDPOINT.key(),
          "host " + host.get() + " is set without a Lakebase target: set endpoint"
              + " (LAKEBASE_ENDPOINT) or instance (LAKEBASE_INSTANCE) so credentials can be"
              + " minted, or set password for plain PostgreSQL");
    }
    throw new LakebaseConfigException(
        ConfigKey.ENDPOINT.key(),
        "No Lakebase target: set one of endpoint (LAKEBASE_ENDPOINT), project+branch, instance,"
            + " or host+password");
  }

  static void check(LakebaseTarget target, boolean readOnly, Optional<String> host,
      Optional<String> user, boolean password, SslMode sslMode, boolean ownCredentials,
      Duration initialBackoff, Duration maxBackoff) {
    if (readOnly && target instanceof LakebaseTarget.Host) {
      throw new LakebaseConfigException(
          ConfigKey.READ_ONLY.key(),
          "readOnly=true needs a Lakebase target (endpoint, project+branch or instance) whose"
              + " read-only host can be discovered; host " + host.orElse("") + " alone has none:"
              + " set the target, or set host to the read-only host and readOnly=false");
    }
    if (password && user.isEmpty()) {
      throw new LakebaseConfigException(
          ConfigKey.USER.key(),
          "password is set but user (PGUSER) is not: set the role the password belongs to");
    }
    if (sslMode == SslMode.DISABLE && !ownCredentials) {
      throw new LakebaseConfigException(
          ConfigKey.SSLMODE.key(),
          "sslmode=disable is not allowed for " + target.describe() + ": Lakebase requires TLS."
              + " Use require (default), verify-ca or verify-full; disable only works with a"
              + " static password (plain PostgreSQL)");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new LakebaseConfigException(
          ConfigKey.MAX_BACKOFF.key(),
          "maxBackoff (" + DurationText.format(maxBackoff) + ") is shorter than initialBackoff ("
              + DurationText.format(initialBackoff) + "): raise maxBackoff");
    }
  }

  /** The credential request options must fit the target's credential API. */
  static void checkTokenRequest(LakebaseTarget target, Optional<Duration> tokenTtl,
      Optional<String> permissionSet, List<String> tables) {
    if (tokenTtl.isPresent() && target instanceof LakebaseTarget.Instance) {
      throw new LakebaseConfigException(
          ConfigKey.TOKEN_TTL.key(),
          "tokenTtl is set but " + target.describe() + " is a Provisioned instance, whose"
              + " credential API takes no ttl: remove tokenTtl, or use an Autoscaling endpoint");
    }
    if (!tables.isEmpty() && permissionSet.isEmpty()) {
      throw new LakebaseConfigException(
          ConfigKey.TOKEN_TABLES.key(),
          "tokenTables is set without tokenPermissionSet: set tokenPermissionSet=READ_ONLY to"
              + " request read-only credentials limited to " + String.join(", ", tables));
    }
  }
}
