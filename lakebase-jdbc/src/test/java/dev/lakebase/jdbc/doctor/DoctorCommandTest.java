package dev.lakebase.jdbc.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code doctor} command line: output streams, {@code --json}, {@code --print-token}, exit codes. */
@EmulatedLakebase
class DoctorCommandTest {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  DoctorCommandTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    emulator.reset();
    LakebaseRuntime.reset();
  }

  @Test
  void jsonReportAndExitCodeZeroWhenEverythingPasses() {
    int exit = run("doctor", "--json", url(PRIMARY), "databricksToken=" + pat());

    assertThat(exit).as(err()).isZero();
    assertThat(out()).startsWith("{\n  \"ok\": true,")
        .contains("\"check\": \"server version\", \"status\": \"PASS\"")
        .doesNotContain(pat());
    assertThat(err()).isEmpty();
  }

  @Test
  void exitCodeOneWithTheFailingStepInTheText() {
    int exit = run("doctor", url(PRIMARY) + "&database=nope", "databricksToken=" + pat());

    assertThat(exit).isOne();
    assertThat(out()).contains("FAIL  login", "fix:   set database (PGDATABASE)",
        "1 check failed (login first)");
  }

  @Test
  void printTokenWritesOnlyTheTokenToStandardOutput() {
    int exit = run("doctor", "--print-token", url(PRIMARY), "databricksToken=" + pat());

    assertThat(exit).as(err()).isZero();
    assertThat(emulator.counters().mintedTokens()).containsExactly(out().strip());
    assertThat(err()).contains("All checks passed", "psql \"host="
        + emulator.defaultEndpoint().host() + " port=" + emulator.port()
        + " dbname=databricks_postgres user=" + emulator.defaultUser() + " sslmode=require\"")
        .doesNotContain(out().strip());
  }

  @Test
  void settingsInsteadOfAUrl() {
    int exit = run("endpoint=" + PRIMARY, "port=" + emulator.port(),
        "databricksHost=" + emulator.workspaceUrl(), "databricksToken=" + pat(),
        "hostResolver=" + LoopbackResolver.class.getName());

    assertThat(exit).as(out()).isZero();
    assertThat(out()).contains("All checks passed").doesNotContain(pat());
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run()).isEqualTo(2);
    assertThat(run("doctor", "jdbc:postgresql://localhost/db")).isEqualTo(2);
    assertThat(err()).contains("Not a jdbc:lakebase: URL", "Usage:");
    assertThat(run("doctor", "--frobnicate", url(PRIMARY))).isEqualTo(2);
    assertThat(run("--help")).isZero();
    assertThat(out()).contains("--print-token");
  }

  private int run(String... args) {
    return DoctorCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
  }

  private String url(String endpoint) {
    return "jdbc:lakebase:" + endpoint + "?port=" + emulator.port() + "&databricksHost="
        + URLEncoder.encode(emulator.workspaceUrl(), StandardCharsets.UTF_8)
        + "&hostResolver=" + LoopbackResolver.class.getName();
  }

  private String pat() {
    return emulator.patFor(emulator.defaultUser());
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
