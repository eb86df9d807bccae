package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged application ({@code target/ingest-app.jar}) as a child JVM, pointed at an
 * emulator of the test JVM the way it would be pointed at a real workspace: Databricks unified
 * auth variables, {@code LAKEBASE_ENDPOINT}, and the emulator's proxy as the host.
 */
final class AppProcess implements AutoCloseable {

  private final Process process;
  private final Path log;
  private final int port;

  private AppProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the jar and waits until it answers.
   *
   * @param emulator an emulator with a single compute: the app connects to 127.0.0.1, which
   *     sends no TLS SNI, and the proxy routes such logins to its only compute
   */
  static AppProcess start(LakebaseEmulator emulator, Path log, String... args) {
    Path jar = Path.of(System.getProperty("ingest.app.jar", "target/ingest-app.jar"));
    assertThat(jar).as("the packaged application; run mvn package (failsafe runs after it)")
        .exists();
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
        "--server.port=" + port,
        "--lakebase.host=127.0.0.1",
        "--lakebase.port=" + emulator.port()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("DATABRICKS_") || name.startsWith("LAKEBASE_")
        || name.startsWith("PG"));
    env.put("DATABRICKS_HOST", emulator.workspaceUrl());
    env.put("DATABRICKS_TOKEN", emulator.patFor(emulator.defaultUser()));
    env.put("LAKEBASE_ENDPOINT", emulator.defaultEndpoint().name());
    AppProcess app;
    try {
      app = new AppProcess(builder.start(), log, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Api api = app.api();
    Awaitility.await("the application at port " + port).atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
          assertThat(app.process.isAlive()).as("the application exited; its log:\n%s",
              app.logText()).isTrue();
          return api.get("/health").status() == 200;
        });
    return app;
  }

  Api api() {
    return new Api(port);
  }

  /** Kills the process the hard way (SIGKILL): no shutdown hook, no flush. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
