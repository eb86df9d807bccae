package dev.lakebase.jdbc.internal;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.service.database.GenerateDatabaseCredentialRequest;
import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mints credentials through the Databricks SDK: {@code w.postgres()} for Autoscaling endpoints,
 * {@code w.database()} for Provisioned instances. The two APIs answer with differently shaped
 * expiries (a protobuf timestamp, an RFC 3339 string); both are handled, and a missing expiry is
 * assumed to be the documented one-hour life minus a margin.
 */
public final class WorkspaceCredentialProvider implements CredentialProvider {

  /** The documented life of a database credential, minus a margin for clock skew. */
  static final Duration ASSUMED_LIFETIME = Duration.ofMinutes(55);

  private static final Logger log = LoggerFactory.getLogger(WorkspaceCredentialProvider.class);
  private static final AtomicBoolean warnedMissingExpiry = new AtomicBoolean();

  /** One SDK call returning the token and, when the response had one, its expiry. */
  @FunctionalInterface
  interface Minter {
    Minted mint();
  }

  /** What the SDK returned; {@code expiresAt} is {@code null} when missing or unparseable. */
  record Minted(String token, Instant expiresAt) {}

  /**
   * What to ask for beyond the target: a lifetime ({@code ttl}, Autoscaling only) and READ_ONLY
   * claims, optionally limited to tables. Credentials asked for differently are cached apart.
   *
   * @param ttl the lifetime, {@code null} for the API's default
   * @param readOnly whether to ask for the READ_ONLY permission set
   * @param tables the tables the claim is limited to
   */
  public record Request(Duration ttl, boolean readOnly, List<String> tables) {
    /** The API's defaults: the identity's permissions for the default lifetime. */
    public static final Request DEFAULT = new Request(null, false, List.of());

    /** Copies the list. */
    public Request {
      tables = List.copyOf(tables);
    }

    /**
     * The request a configuration asks for.
     *
     * @param config the configuration
     * @return its {@code tokenTtl}, {@code tokenPermissionSet} and {@code tokenTables}
     */
    public static Request of(dev.lakebase.jdbc.LakebaseConfig config) {
      return new Request(config.tokenTtl().orElse(null), config.tokenPermissionSet().isPresent(),
          config.tokenTables());
    }

    /** The cache key's suffix: empty for the defaults, so existing keys stay as they were. */
    String keySuffix() {
      StringBuilder b = new StringBuilder();
      if (ttl != null) {
        b.append("|ttl=").append(ttl.toSeconds()).append('s');
      }
      if (readOnly) {
        b.append("|READ_ONLY").append(tables.isEmpty() ? "" : tables.toString());
      }
      return b.toString();
    }
  }

  private final String cacheKey;
  private final String target;
  private final String resource;
  private final String settingKey;
  private final Minter minter;
  private final Clock clock;

  WorkspaceCredentialProvider(String cacheKey, String target, String resource, String settingKey,
      Minter minter, Clock clock) {
    this.cacheKey = cacheKey;
    this.target = target;
    this.resource = resource;
    this.settingKey = settingKey;
    this.minter = minter;
    this.clock = clock;
  }

  /**
   * A provider for an Autoscaling endpoint.
   *
   * @param w the workspace client
   * @param endpointPath the endpoint path
   * @param identity the identity the client authenticates as
   * @return the provider
   */
  public static WorkspaceCredentialProvider autoscaling(
      WorkspaceClient w, String endpointPath, String identity) {
    return autoscaling(w, endpointPath, identity, Request.DEFAULT);
  }

  /**
   * A provider for an Autoscaling endpoint asking for a lifetime and claims.
   *
   * @param w the workspace client
   * @param endpointPath the endpoint path
   * @param identity the identity the client authenticates as
   * @param request the lifetime and claims to ask for
   * @return the provider
   */
  public static WorkspaceCredentialProvider autoscaling(
      WorkspaceClient w, String endpointPath, String identity, Request request) {
    return new WorkspaceCredentialProvider(
        key(w, "endpoint:" + endpointPath, identity) + request.keySuffix(),
        "Autoscaling endpoint " + endpointPath,
        "Lakebase endpoint " + endpointPath,
        ConfigKey.ENDPOINT.key(),
        () -> {
          var r = new com.databricks.sdk.service.postgres.GenerateDatabaseCredentialRequest()
              .setEndpoint(endpointPath);
          if (request.ttl() != null) {
            r.setTtl(com.google.protobuf.Duration.newBuilder()
                .setSeconds(request.ttl().toSeconds()).build());
          }
          if (request.readOnly()) {
            r.setClaims(List.of(new com.databricks.sdk.service.postgres.RequestedClaims()
                .setPermissionSet(
                    com.databricks.sdk.service.postgres.RequestedClaimsPermissionSet.READ_ONLY)
                .setResources(request.tables().isEmpty() ? null : request.tables().stream()
                    .map(t -> new com.databricks.sdk.service.postgres.RequestedResource()
                        .setTableName(t)).toList())));
          }
          var c = w.postgres().generateDatabaseCredential(r);
          var expiry = c.getExpireTime();
          boolean missing = expiry == null || (expiry.getSeconds() == 0 && expiry.getNanos() == 0);
          return new Minted(c.getToken(),
              missing ? null : Instant.ofEpochSecond(expiry.getSeconds(), expiry.getNanos()));
        },
        Clock.systemUTC());
  }

  /**
   * A provider for a Provisioned instance.
   *
   * @param w the workspace client
   * @param instanceName the instance name
   * @param identity the identity the client authenticates as
   * @return the provider
   */
  public static WorkspaceCredentialProvider provisioned(
      WorkspaceClient w, String instanceName, String identity) {
    return provisioned(w, instanceName, identity, Request.DEFAULT);
  }

  /**
   * A provider for a Provisioned instance asking for claims (the instance API takes no ttl).
   *
   * @param w the workspace client
   * @param instanceName the instance name
   * @param identity the identity the client authenticates as
   * @param request the claims to ask for
   * @return the provider
   */
  public static WorkspaceCredentialProvider provisioned(
      WorkspaceClient w, String instanceName, String identity, Request request) {
    return new WorkspaceCredentialProvider(
        key(w, "instance:" + instanceName, identity) + request.keySuffix(),
        "Provisioned instance " + instanceName,
        "Lakebase instance " + instanceName,
        ConfigKey.INSTANCE.key(),
        () -> {
          var r = new GenerateDatabaseCredentialRequest()
              .setInstanceNames(List.of(instanceName))
              .setRequestId(UUID.randomUUID().toString());
          if (request.readOnly()) {
            r.setClaims(List.of(new com.databricks.sdk.service.database.RequestedClaims()
                .setPermissionSet(
                    com.databricks.sdk.service.database.RequestedClaimsPermissionSet.READ_ONLY)
                .setResources(request.tables().isEmpty() ? null : request.tables().stream()
                    .map(t -> new com.databricks.sdk.service.database.RequestedResource()
                        .setTableName(t)).toList())));
          }
          var c = w.database().generateDatabaseCredential(r);
          return new Minted(c.getToken(), parseExpiry(c.getExpirationTime()));
        },
        Clock.systemUTC());
  }

  @Override
  public DatabaseCredential mint() throws CredentialException {
    Minted minted;
    try {
      minted = minter.mint();
    } catch (RuntimeException e) {
      throw WorkspaceErrors.translate(e, "minting a credential for " + target, resource,
          settingKey);
    }
    if (minted == null || minted.token() == null || minted.token().isBlank()) {
      throw new CredentialException(
          "The workspace API answered without a token while minting a credential for " + target,
          true, null);
    }
    Instant expiresAt = minted.expiresAt();
    if (expiresAt == null) {
      expiresAt = clock.instant().plus(ASSUMED_LIFETIME);
      if (warnedMissingExpiry.compareAndSet(false, true)) {
        log.warn("The credential minted for {} has no usable expiry; assuming it expires at {}",
            target, expiresAt);
      }
    }
    return new DatabaseCredential(minted.token(), expiresAt);
  }

  @Override
  public String cacheKey() {
    return cacheKey;
  }

  @Override
  public String description() {
    return target;
  }

  @Override
  public String toString() {
    return "WorkspaceCredentialProvider[" + cacheKey + "]";
  }

  /**
   * Parses an RFC 3339 timestamp ({@code 2026-11-23T15:04:05Z}, fractions and offsets allowed).
   *
   * @param text the timestamp, may be {@code null} or blank
   * @return the instant, or {@code null} when missing or unparseable
   */
  static Instant parseExpiry(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      log.debug("Unparseable credential expiry '{}'", text);
      return null;
    }
  }

  private static String key(WorkspaceClient w, String target, String identity) {
    return WorkspaceClients.hostOf(w) + "|" + target + "|" + identity;
  }
}
