package dev.lakebase.examples.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real HTTP client for the application's API (the JDK's, HTTP/1.1). */
final class Api {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;

  Api(int port) {
    this.base = URI.create("http://127.0.0.1:" + port);
  }

  /** An answer: status, headers, body as JSON (null when empty or not JSON). */
  record Answer(int status, java.net.http.HttpHeaders headers, String body) {

    JsonNode json() {
      return body.isEmpty() ? null : JSON.readTree(body);
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    List<UUID> ingestIds() {
      List<UUID> ids = new ArrayList<>();
      json().get("ingestIds").forEach(id -> ids.add(UUID.fromString(id.asString())));
      return ids;
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  Answer post(String path, String json) {
    return send(request(path).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json)).build());
  }

  CompletableFuture<Answer> postAsync(String path, String json) {
    return http.sendAsync(request(path).header("Content-Type", "application/json")
        .POST(BodyPublishers.ofString(json)).build(), BodyHandlers.ofString())
        .thenApply(Api::answer);
  }

  Answer postFile(String path, String contentType, Path file) {
    try {
      return post(path, contentType, BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer post(String path, String contentType, BodyPublisher body) {
    return send(request(path).header("Content-Type", contentType).POST(body).build());
  }

  Answer get(String path) {
    return send(request(path).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
  }

  private Answer send(HttpRequest request) {
    try {
      return answer(http.send(request, BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Answer answer(HttpResponse<String> response) {
    return new Answer(response.statusCode(), response.headers(), response.body());
  }
}
