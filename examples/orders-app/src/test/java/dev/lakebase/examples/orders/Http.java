package dev.lakebase.examples.orders;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the application under test. */
public final class Http {

  /** Generous: requests must complete, never hang; nothing asserts how fast. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient client = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NORMAL)
      .build();
  private final String baseUrl;
  /** Sent with every request, e.g. a user's X-Forwarded-Access-Token; null for none. */
  private final String[] header;

  /** @param port the application's port */
  public Http(int port) {
    this("http://127.0.0.1:" + port, null);
  }

  private Http(String baseUrl, String[] header) {
    this.baseUrl = baseUrl;
    this.header = header;
  }

  /**
   * @param token a user's workspace token
   * @return a client that sends it as X-Forwarded-Access-Token, as Databricks Apps do
   */
  public Http asUser(String token) {
    return new Http(baseUrl, new String[] {"X-Forwarded-Access-Token", token});
  }

  /** A response: status, headers and the body (parsed when it is JSON). */
  public record Response(int status, HttpResponse<String> raw) {

    /** @return the body as JSON */
    public JsonNode json() {
      return JSON.readTree(raw.body());
    }

    /** @return the body as text */
    public String body() {
      return raw.body();
    }

    /**
     * @param name a header
     * @return its value
     */
    public Optional<String> header(String name) {
      return raw.headers().firstValue(name);
    }
  }

  /**
   * @param path e.g. {@code /orders/count}
   * @return the response
   */
  public Response get(String path) {
    return send(request(path).GET().build());
  }

  /**
   * @param path e.g. {@code /orders}
   * @param json the request body
   * @return the response
   */
  public Response post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /**
   * Any request, for the error paths (methods, media types, raw bodies).
   *
   * @param method e.g. {@code PUT}
   * @param path the path as sent, e.g. {@code /orders/%00}
   * @param body the body
   * @param headers name, value, name, value, ...
   * @return the response
   */
  public Response send(String method, String path, HttpRequest.BodyPublisher body, String... headers) {
    HttpRequest.Builder builder = request(path).method(method, body);
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return send(builder.build());
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    return header == null ? b : b.header(header[0], header[1]);
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * @param object an object
   * @return it as JSON text
   */
  public static String json(Object object) {
    return JSON.writeValueAsString(object);
  }
}
