package dev.lakebase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.ClientSettings;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every SDK form of {@link LakebaseEmulator#connectionSettings()}, each in a JVM of its own that
 * gets only those settings: no resolver hook, no emulator classes in use, the emulator's host
 * names not in DNS. Each login is counted on the endpoint (the direct port chose it).
 */
@EmulatedLakebase
class PrintedSettingsTest {

  private static LakebaseEmulator emulator;
  private static ClientSettings settings;

  @TempDir
  Path home;

  @BeforeAll
  static void settings(LakebaseEmulator shared) {
    emulator = shared;
    settings = shared.connectionSettings();
  }

  @Test
  void springPropertiesWorkAsPrinted() throws Exception {
    List<String> args = new ArrayList<>(List.of("spring"));
    settings.springProperties().forEach((k, v) -> args.add("--" + k + "=" + v));
    assertLogsIn(args, Map.of());
  }

  @Test
  void environmentVariablesWorkAsPrinted() throws Exception {
    assertLogsIn(List.of("env"), settings.environment());
  }

  @Test
  void lakebaseJdbcUrlWorksAsPrinted() throws Exception {
    assertLogsIn(List.of("url", settings.lakebaseJdbcUrl()), Map.of());
  }

  private void assertLogsIn(List<String> args, Map<String, String> variables) throws Exception {
    long logins = emulator.counters().loginsAccepted(settings.compute().name());
    String output = run(args, variables);
    assertThat(output).contains("current_user=" + emulator.defaultUser());
    assertThat(emulator.counters().loginsAccepted(settings.compute().name()))
        .isGreaterThan(logins);
    assertThat(output).as("no secret in the client's output")
        .doesNotContain(settings.password());
    emulator.counters().mintedTokens().forEach(token -> assertThat(output).doesNotContain(token));
  }

  private String run(List<String> args, Map<String, String> variables)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), PrintedSettingsClient.class.getName()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // Only the printed settings: none of this machine's, and no ~/.databrickscfg.
    env.keySet().removeIf(name -> name.startsWith("PG") || name.startsWith("DATABRICKS_")
        || name.startsWith("LAKEBASE_"));
    env.put("HOME", home.toString());
    env.putAll(variables);
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
    return text;
  }
}
