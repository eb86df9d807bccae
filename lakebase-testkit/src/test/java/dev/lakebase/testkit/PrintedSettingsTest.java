package dev.lakebase.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The printed psql and generic JDBC forms, each in a separate process with only those settings
 * (no resolver hook, no DNS for the emulator's names: the compute's direct port on 127.0.0.1).
 * The SDK and Spring forms are exercised in lakebase-testkit-spring, which has the SDK.
 */
@EmulatedLakebase
class PrintedSettingsTest {

  @Test
  void psqlCommandWorksAsPrinted(LakebaseEmulator emulator) throws Exception {
    assumeTrue(onPath("psql"), "psql is not installed");
    ClientSettings settings = emulator.connectionSettings();
    long logins = emulator.counters().loginsAccepted(settings.compute().name());
    String output = run(List.of("sh", "-c", settings.psqlCommand() + " -tA -c 'select current_user'"));
    assertThat(output.trim()).isEqualTo(emulator.defaultUser());
    assertThat(emulator.counters().loginsAccepted(settings.compute().name()))
        .isEqualTo(logins + 1);
  }

  @Test
  void genericJdbcSettingsWorkAsPrinted(LakebaseEmulator emulator) throws Exception {
    ClientSettings settings = emulator.connectionSettings();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = run(List.of(java, "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), GenericJdbcClient.class.getName(),
        settings.genericJdbcUrl(), settings.user(), settings.password()));
    assertThat(output).contains("current_user=" + emulator.defaultUser());
  }

  @Test
  void readOnlyDirectPortGivesReadOnlySessions(LakebaseEmulator emulator) throws Exception {
    assumeTrue(onPath("psql"), "psql is not installed");
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    ClientSettings settings = emulator.connectionSettings(endpoint);
    String output = run(List.of("sh", "-c", "PGPASSWORD='" + settings.password() + "' psql"
        + " 'host=127.0.0.1 port=" + endpoint.readOnlyDirectPort()
        + " dbname=databricks_postgres user=" + settings.user() + " sslmode=require'"
        + " -tA -c 'show default_transaction_read_only'"));
    assertThat(output.trim()).isEqualTo("on");
  }

  private static boolean onPath(String command) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(":")) {
      if (Files.isExecutable(Path.of(dir, command))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a process with no PG or Databricks variables of this JVM; returns its output. */
  static String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("DATABRICKS_")
        || name.startsWith("LAKEBASE_"));
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
    return text;
  }
}
