package dev.lakebase.jdbc.internal;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.commons.CommonsHttpClient;
import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import dev.lakebase.jdbc.integration.Secrets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last problem answer of the workspace API (HTTP 429 or 5xx, or an I/O error such
 * as a refused connection or an unknown host) seen by the clients the library builds. The
 * Databricks SDK retries those inside one call, so when the connect budget runs out during the
 * call the waiting connect has nothing but "still waiting"; this log lets its message name the
 * cause. Only the status, the request path and the exception type are kept: never a header, a
 * body or a token.
 */
public final class WorkspaceCallLog implements HttpClient {

  private record Problem(long atNanos, String text) {}

  /** The last problem per workspace host (a client that gave up may still be retrying). */
  private static final Map<String, Problem> LAST = new ConcurrentHashMap<>();

  private final DatabricksConfig config;
  private volatile HttpClient delegate;

  private WorkspaceCallLog(DatabricksConfig config) {
    this.config = config;
  }

  /**
   * Makes a configuration's client record its problem answers: the SDK's own HTTP client, built
   * on first use (when the configuration is resolved), behind a recording one. A configuration
   * that already has an HTTP client is left as it is.
   *
   * @param config the configuration of a client the library (or its Spring module) builds
   * @return {@code config}
   */
  public static DatabricksConfig install(DatabricksConfig config) {
    if (config.getHttpClient() == null) {
      config.setHttpClient(new WorkspaceCallLog(config));
    }
    return config;
  }

  /**
   * The last problem seen with a workspace since a moment.
   *
   * @param host the workspace URL, as {@link WorkspaceClients#hostOf} gives it
   * @param sinceNanos a {@link System#nanoTime()} value
   * @return e.g. {@code HTTP 503 from /api/2.0/postgres/credentials}
   */
  static Optional<String> since(String host, long sinceNanos) {
    Problem p = host == null ? null : LAST.get(host);
    return p != null && p.atNanos() - sinceNanos >= 0 ? Optional.of(p.text()) : Optional.empty();
  }

  /** Forgets the problems ({@code LakebaseRuntime.reset()}). */
  static void clear() {
    LAST.clear();
  }

  private void record(String text) {
    String host = config.getHost();
    if (host != null) {
      LAST.put(host.endsWith("/") ? host.substring(0, host.length() - 1) : host,
          new Problem(System.nanoTime(), text));
    }
  }

  @Override
  public Response execute(Request request) throws IOException {
    HttpClient d = delegate;
    if (d == null) {
      synchronized (this) {
        d = delegate;
        if (d == null) {
          d = new CommonsHttpClient.Builder().withDatabricksConfig(config).build();
          delegate = d;
        }
      }
    }
    String path = request.getUrl() == null ? "the workspace API" : pathOf(request.getUrl());
    try {
      Response response = d.execute(request);
      int status = response.getStatusCode();
      if (status == 429 || status >= 500) {
        record("HTTP " + status + " from " + path);
      }
      return response;
    } catch (IOException e) {
      record(describe(e) + " calling " + path);
      throw e;
    }
  }

  private static String describe(IOException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) {
        return "connection refused";
      }
      if (c instanceof UnknownHostException) {
        return "workspace host unknown (" + Secrets.redact(String.valueOf(c.getMessage())) + ")";
      }
      if (c instanceof SocketTimeoutException) {
        return "timed out";
      }
    }
    return e.getClass().getSimpleName();
  }

  private static String pathOf(String url) {
    int scheme = url.indexOf("://");
    int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    String path = slash < 0 ? "/" : url.substring(slash);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
