package dev.lakebase.jdbc.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar lakebase-jdbc-all-<version>.jar doctor '<URL>'} in a process of its own, with
 * the workspace token in the environment as a shell user has it. The host is {@code localhost}
 * (the emulator's compute host names are not in DNS, and a java -jar command line has no room for
 * a resolver class): an emulator with a single endpoint routes any TLS name to it.
 */
class DoctorJarIT {

  private static final String ENDPOINT = "projects/demo/branches/main/endpoints/primary";
  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() {
    emulator = LakebaseEmulator.builder().endpoint(ENDPOINT).start();
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void healthyRunExitsWithZero() throws Exception {
    Result r = doctor(url());

    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("PASS  login", "PASS  server version", "All checks passed")
        .doesNotContain(emulator.patFor(emulator.defaultUser())).doesNotContain("eyJ");
    assertThat(r.err()).as("no log lines in the report").isEmpty();
    save("healthy", r);
  }

  @Test
  void failingRunExitsWithOneAndSaysWhatToFix() throws Exception {
    Result r = doctor(url() + "&database=orders");

    assertThat(r.exit()).as(r.out() + r.err()).isOne();
    assertThat(r.out()).contains("FAIL  login", "database \"orders\" does not exist",
        "fix:   set database (PGDATABASE)").doesNotContain("eyJ");
    save("wrong-database", r);
  }

  private String url() {
    return "jdbc:lakebase://localhost:" + emulator.port() + "/databricks_postgres?endpoint="
        + ENDPOINT + "&databricksHost=" + emulator.workspaceUrl() + "&sslmode=verify-full"
        + "&sslrootcert=" + emulator.caCertificatePath();
  }

  private record Result(int exit, String out, String err, Duration took) {}

  private static Result doctor(String url) throws IOException, InterruptedException {
    Path out = Files.createTempFile("doctor", ".out");
    Path err = Files.createTempFile("doctor", ".err");
    ProcessBuilder pb = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", ToolClassLoader.allJar().toString(), "doctor", url))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("DATABRICKS_TOKEN", emulator.patFor(emulator.defaultUser()));
    // No config file: the token in the environment is all the workspace auth there is.
    pb.environment().put("DATABRICKS_CONFIG_FILE",
        ToolClassLoader.buildDirectory().resolve("no-databrickscfg").toString());
    long start = System.nanoTime();
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("doctor did not finish within 120 s");
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8), took);
  }

  private static void save(String name, Result r) throws IOException {
    Path dir = ToolClassLoader.buildDirectory().resolve("doctor-cli");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".txt"), r.out() + r.err()
        + "(exit " + r.exit() + ", " + r.took().toMillis() + " ms with JVM start)\n");
  }
}
