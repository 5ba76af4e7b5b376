package io.effortlens.model.tracking;

import io.effortlens.testing.TestLakes;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mlflow server} from the project's Python environment (.venv, made by
 * .ci/python-env), on 127.0.0.1 and a free port, with a SQLite store and a proxied artifact folder
 * in a temp directory. Started once per test class, always stopped.
 */
final class MlflowServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final URI uri;
  private final Path log;

  private MlflowServer(Process process, URI uri, Path log) {
    this.process = process;
    this.uri = uri;
    this.log = log;
  }

  static MlflowServer start() throws IOException, InterruptedException {
    Path venv = Path.of(System.getProperty("effortlens.venv", TestLakes.repo() + "/.venv"));
    Path mlflow = venv.resolve("bin/mlflow");
    if (!Files.isExecutable(mlflow)) {
      throw new IllegalStateException(
          "Cannot start mlflow: " + mlflow + " is missing. Fix: run .ci/python-env");
    }
    Path dir = TestLakes.tempDir("mlflow");
    int port = freePort();
    Path log = dir.resolve("server.log");
    List<String> command =
        List.of(
            mlflow.toString(),
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--workers",
            "1",
            "--backend-store-uri",
            "sqlite:///" + dir.resolve("mlflow.db"),
            "--artifacts-destination",
            dir.resolve("artifacts").toUri().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile()).directory(dir.toFile());
    MlflowServer server =
        new MlflowServer(builder.start(), URI.create("http://127.0.0.1:" + port + "/"), log);
    server.awaitHealthy();
    return server;
  }

  URI uri() {
    return uri;
  }

  /** GET on the server, for checks made independently of the tracker under test. */
  String get(String pathAndQuery) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(uri.resolve(pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IOException("GET " + pathAndQuery + " -> " + response.statusCode());
    }
    return response.body();
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mlflow server exited: " + Files.readString(log));
      }
      try {
        if ("OK".equals(get("health").strip())) {
          return;
        }
      } catch (IOException notYet) {
        // the server is still starting
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException("mlflow server did not start: " + Files.readString(log));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
