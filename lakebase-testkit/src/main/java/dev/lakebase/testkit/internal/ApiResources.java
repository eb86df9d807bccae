package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.EmulatedCompute.State;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the workspace API's resources, as databricks-sdk-java deserialises them. */
final class ApiResources {

  private ApiResources() {
  }

  static Map<String, Object> me(Identity caller) {
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"));
    me.put("id", Long.toString(Long.parseLong(Fingerprints.sha256Hex(caller.name(), 6), 16)));
    me.put("userName", caller.name());
    me.put("displayName", caller.servicePrincipal() ? "Service principal " + caller.name() : localPart(caller.name()));
    me.put("active", true);
    if (!caller.servicePrincipal()) {
      me.put("emails", List.of(object("value", caller.name(), "primary", true, "type", "work")));
    }
    return me;
  }

  static Map<String, Object> endpoint(Compute c) {
    String type = c.readOnly() ? "ENDPOINT_TYPE_READ_ONLY" : "ENDPOINT_TYPE_READ_WRITE";
    String state = switch (c.state()) {
      case ACTIVE -> "ACTIVE";
      case IDLE -> "IDLE";
      case WAKING -> "INIT";
    };
    String endpointId = c.name().substring(c.name().lastIndexOf('/') + 1);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("endpoint_id", endpointId);
    status.put("endpoint_type", type);
    status.put("current_state", state);
    // The four hosts of EndpointHosts (databricks-sdk-java 0.141): the pooled ones are PgBouncer,
    // which OAuth roles cannot log in through (the emulator refuses those logins).
    status.put("hosts", object("host", c.host(), "read_only_host", c.readOnlyHost(),
        "read_write_pooled_host", c.pooledHost(), "read_only_pooled_host", c.readOnlyPooledHost()));
    status.put("disabled", false);
    status.put("autoscaling_limit_min_cu", 0.5);
    status.put("autoscaling_limit_max_cu", 2.0);
    Map<String, Object> endpoint = new LinkedHashMap<>();
    endpoint.put("name", c.name());
    endpoint.put("uid", c.uid());
    endpoint.put("endpoint_id", endpointId);
    endpoint.put("parent", parentOf(c.name()));
    endpoint.put("create_time", rfc3339(c.createdAt()));
    endpoint.put("update_time", rfc3339(c.createdAt()));
    endpoint.put("spec", object("endpoint_type", type));
    endpoint.put("status", status);
    return endpoint;
  }

  static Map<String, Object> instance(Compute c) {
    Map<String, Object> instance = new LinkedHashMap<>();
    instance.put("name", c.name());
    instance.put("uid", c.uid());
    instance.put("state", c.state() == State.ACTIVE ? "AVAILABLE" : c.state() == State.IDLE ? "STOPPED" : "STARTING");
    instance.put("read_write_dns", c.host());
    instance.put("read_only_dns", c.readOnlyHost());
    instance.put("pg_version", "17");
    instance.put("capacity", "CU_1");
    instance.put("creation_time", rfc3339(c.createdAt()));
    return instance;
  }

  /** A JSON object whose fields keep the given order (Map.of would shuffle them per JVM). */
  static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static String parentOf(String endpointPath) {
    return endpointPath.substring(0, endpointPath.lastIndexOf("/endpoints/"));
  }

  private static String localPart(String email) {
    int at = email.indexOf('@');
    return at > 0 ? email.substring(0, at) : email;
  }

  static String rfc3339(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant);
  }
}
