package dev.lakebase.testkit.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The emulator's computes and how names lead to them: path or instance name, host name, endpoint id. */
public final class Computes {

  /**
   * Where a host name or endpoint id leads.
   *
   * @param compute the compute
   * @param readOnlyName true when reached through its read-only name (sessions become read-only)
   * @param pooled true when reached through a pooled (PgBouncer) name, which refuses OAuth logins
   */
  public record Route(Compute compute, boolean readOnlyName, boolean pooled) {

    /** @return whether sessions through this route run with default_transaction_read_only */
    public boolean readOnlySessions() {
      return readOnlyName || compute.readOnly();
    }
  }

  private static final String ENDPOINT_OPTION = "endpoint=";

  private final List<Compute> all;
  private final Map<String, Compute> byName = new LinkedHashMap<>();
  private final Map<String, Route> byHost = new LinkedHashMap<>();
  private final Map<String, Route> byEndpointId = new LinkedHashMap<>();

  public Computes(List<Compute> computes) {
    this.all = List.copyOf(computes);
    for (Compute c : all) {
      byName.put(c.name(), c);
      add(c.host(), new Route(c, false, false));
      add(c.readOnlyHost(), new Route(c, true, false));
      if (c.pooledHost() != null) {
        add(c.pooledHost(), new Route(c, false, true));
        add(c.readOnlyPooledHost(), new Route(c, true, true));
      }
    }
  }

  private void add(String host, Route route) {
    byHost.put(host.toLowerCase(Locale.ROOT), route);
    byEndpointId.put(host.substring(0, host.indexOf('.')).toLowerCase(Locale.ROOT), route);
  }

  public List<Compute> all() {
    return all;
  }

  public Optional<Compute> byName(String name) {
    return Optional.ofNullable(name == null ? null : byName.get(name));
  }

  /**
   * @param host a host name, any case
   * @return the route it names
   */
  public Optional<Route> byHost(String host) {
    return Optional.ofNullable(host == null ? null : byHost.get(host.toLowerCase(Locale.ROOT)));
  }

  /**
   * @param endpointId the first label of a compute host name (Neon's {@code options=endpoint=<id>})
   * @return the route it names
   */
  public Optional<Route> byEndpointId(String endpointId) {
    return Optional.ofNullable(endpointId == null ? null : byEndpointId.get(endpointId.toLowerCase(Locale.ROOT)));
  }

  /** @return every endpoint id ({@code options=endpoint=} value): the first label of each host name */
  public List<String> endpointIds() {
    return List.copyOf(byEndpointId.keySet());
  }

  /**
   * Finds the compute a connection is for, the way Lakebase (Neon) does: by TLS SNI, else (the
   * emulator's direct ports) by the port it came in on, else by the {@code endpoint=<id>} startup
   * option, else the only compute if there is just one.
   *
   * @param sni the TLS server name, null without TLS or SNI
   * @param portRoute the route of the direct port the connection came in on, null for the shared
   *     port
   * @param options the startup {@code options} parameter, may be null
   * @return the route, or empty when nothing names a compute
   * @throws IllegalArgumentException naming the endpoint id when the option names an unknown one
   */
  public Optional<Route> route(String sni, Route portRoute, String options) {
    Optional<Route> bySni = byHost(sni);
    if (bySni.isPresent()) {
      return bySni;
    }
    if (portRoute != null) {
      return Optional.of(portRoute);
    }
    String endpointId = endpointOption(options);
    if (endpointId != null) {
      return Optional.of(byEndpointId(endpointId).orElseThrow(() -> new IllegalArgumentException(endpointId)));
    }
    return all.size() == 1 ? Optional.of(new Route(all.get(0), false, false)) : Optional.empty();
  }

  private static String endpointOption(String options) {
    if (options != null) {
      for (String part : options.trim().split("\\s+")) {
        if (part.startsWith(ENDPOINT_OPTION)) {
          return part.substring(ENDPOINT_OPTION.length());
        }
      }
    }
    return null;
  }

  /**
   * The options PostgreSQL gets: the client's minus {@code endpoint=}, plus read-only mode when the
   * route asks for it.
   *
   * @param options the client's startup options, may be null
   * @param route where the connection goes
   * @return the options to forward, empty for none
   */
  public static String backendOptions(String options, Route route) {
    List<String> kept = new ArrayList<>();
    if (options != null && !options.isBlank()) {
      for (String part : options.trim().split("\\s+")) {
        if (!part.startsWith(ENDPOINT_OPTION)) {
          kept.add(part);
        }
      }
    }
    if (route.readOnlySessions()) {
      kept.add("-c");
      kept.add("default_transaction_read_only=on");
    }
    return String.join(" ", kept);
  }

  /**
   * @return every host name, lower case, compute by compute in their order: host, read-only host,
   *     then (endpoints) the pooled and read-only pooled hosts
   */
  public List<String> hostNamesInOrder() {
    return List.copyOf(byHost.keySet());
  }

  /** @return every host name (read-write, read-only and pooled), lower case */
  public Set<String> hostNames() {
    return Set.copyOf(byHost.keySet());
  }
}
