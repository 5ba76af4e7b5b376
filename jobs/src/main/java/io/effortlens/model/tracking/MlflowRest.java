package io.effortlens.model.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.effortlens.Problems;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP to an MLflow tracking server (REST API 2.0): one method per verb, every non-2xx
 * answer an operator-facing failure naming the endpoint. Credentials, when given, go in the
 * Authorization header of every request.
 */
final class MlflowRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final int NOT_FOUND = 404;

  private final URI base;
  private final Optional<String> authorization;
  private final HttpClient http;

  MlflowRest(URI base, Optional<String> authorization) {
    this.base = base;
    this.authorization = authorization;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Bearer token wins over basic credentials; both absent means no header. */
  static Optional<String> authorization(String token, String user, String password) {
    if (token != null && !token.isBlank()) {
      return Optional.of("Bearer " + token);
    }
    if (user != null && !user.isBlank()) {
      String pair = user + ":" + (password == null ? "" : password);
      return Optional.of(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  URI base() {
    return base;
  }

  JsonNode post(String endpoint, Object body) {
    return send(
            endpoint,
            request(endpoint).POST(ofJson(body)).header("Content-Type", "application/json"))
        .orElseThrow();
  }

  /** GET with query parameters; empty when the server says the resource does not exist. */
  Optional<JsonNode> get(String endpoint, Map<String, String> query) {
    StringBuilder path = new StringBuilder(endpoint);
    char separator = '?';
    for (var entry : query.entrySet()) {
      path.append(separator)
          .append(entry.getKey())
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return send(endpoint, request(path.toString()).GET());
  }

  /** PUT of a file's bytes (the mlflow-artifacts proxy). */
  void put(String endpoint, Path file) {
    try {
      send(endpoint, request(endpoint).PUT(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (IOException e) {
      throw Problems.mlflowUnreachable(base.toString(), e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(TIMEOUT);
    authorization.ifPresent(value -> builder.header("Authorization", value));
    return builder;
  }

  private Optional<JsonNode> send(String endpoint, HttpRequest.Builder builder) {
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw Problems.mlflowUnreachable(base.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problems.mlflowUnreachable(base.toString(), e);
    }
    if (response.statusCode() == NOT_FOUND && response.body().contains("RESOURCE_DOES_NOT_EXIST")) {
      return Optional.empty();
    }
    if (response.statusCode() / 100 != 2) {
      throw Problems.mlflowRequestFailed(endpoint, response.statusCode(), response.body());
    }
    try {
      String body = response.body();
      return Optional.of(body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body));
    } catch (IOException e) {
      throw Problems.mlflowRequestFailed(endpoint, response.statusCode(), response.body());
    }
  }

  private static HttpRequest.BodyPublisher ofJson(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot serialize an MLflow request body", e);
    }
  }
}
