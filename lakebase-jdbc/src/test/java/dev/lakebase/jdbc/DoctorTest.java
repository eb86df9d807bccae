package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.doctor.Check;
import dev.lakebase.jdbc.doctor.CheckResult;
import dev.lakebase.jdbc.doctor.CheckStatus;
import dev.lakebase.jdbc.doctor.DoctorReport;
import dev.lakebase.jdbc.doctor.LakebaseDoctor;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * {@code lakebase doctor} against the emulator: a healthy run, and one test per failure class,
 * each driven by the emulator's fault knobs. Every test asserts the step that fails, the fix it
 * names, and that no token or secret appears in the text or JSON report. The reports are written to
 * {@code target/doctor-reports/} (the README quotes them).
 */
@EmulatedLakebase
class DoctorTest {

  private final LakebaseEmulator emulator;
  private String reportName;

  DoctorTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh(TestInfo test) {
    EmulatorSupport.fresh(emulator);
    reportName = test.getTestMethod().orElseThrow().getName();
  }

  @Test
  void healthy() {
    DoctorReport report = doctor(url(PRIMARY) + "&sslmode=verify-full&sslrootcert="
        + encode(emulator.caCertificatePath().toString()));

    assertThat(report.passed()).as(report.toText()).isTrue();
    assertThat(report.results()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
    assertThat(report.result(Check.WORKSPACE).detail()).contains(emulator.workspaceUrl(),
        "auth pat", emulator.defaultUser());
    assertThat(report.result(Check.ENDPOINT).detail())
        .contains("ACTIVE", emulator.defaultEndpoint().host());
    assertThat(report.result(Check.DNS).detail()).contains("127.0.0.1");
    assertThat(report.result(Check.TLS).detail())
        .contains("SNI " + emulator.defaultEndpoint().host(), "host name matches",
            "trusted by sslrootcert");
    assertThat(report.result(Check.CREDENTIAL).detail()).contains("valid until", "(not shown)");
    assertThat(report.result(Check.SERVER_VERSION).detail()).startsWith("PostgreSQL 17.")
        .contains("current_user " + emulator.defaultUser());
    assertThat(report.coldStart()).isEmpty();
    assertThat(report.toText()).contains("All checks passed: 11 passed");
    assertThat(report.toJson()).contains("\"ok\": true", "\"check\": \"select 1\"");
    assertThat(emulator.counters().mints()).as("one token, reused by the login").isEqualTo(1);
  }

  @Test
  void badWorkspaceToken() {
    String bad = "not-the-right-token-7c1f";
    DoctorReport report = doctor(url(PRIMARY), bad);

    assertFailsAt(report, Check.WORKSPACE, "rejected the credentials of auth type pat",
        "personal access token", bad);
    assertThat(report.result(Check.ENDPOINT).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(report.result(Check.LOGIN).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void unknownEndpoint() {
    String unknown = "projects/demo/branches/main/endpoints/nope";
    DoctorReport report = doctor(url(unknown));

    assertFailsAt(report, Check.ENDPOINT, "Lakebase endpoint " + unknown + " does not exist",
        "check endpoint (LAKEBASE_ENDPOINT)");
    assertThat(report.result(Check.CREDENTIAL).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(report.result(Check.DNS).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void identityMismatch() {
    DoctorReport report = doctor(url(PRIMARY) + "&user=" + encode("alice@example.com"));

    assertThat(report.result(Check.IDENTITY).status()).isEqualTo(CheckStatus.WARN);
    assertThat(report.result(Check.IDENTITY).cause().orElseThrow())
        .contains("minted for the workspace identity " + emulator.defaultUser());
    assertFailsAt(report, Check.LOGIN, "did not match the requested role 'alice@example.com'",
        "set user to " + emulator.defaultUser());
  }

  @Test
  void dnsFailure() {
    emulator.dns().failAlways(true);
    DoctorReport report = doctor(url(PRIMARY));

    assertFailsAt(report, Check.DNS, "does not resolve with the configured host resolver",
        "this machine's DNS");
    assertThat(report.result(Check.CREDENTIAL).status())
        .as("minting does not need DNS, so the report still shows it works")
        .isEqualTo(CheckStatus.PASS);
    assertThat(report.result(Check.TCP).status()).isEqualTo(CheckStatus.SKIP);
    assertThat(report.result(Check.LOGIN).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void suspendedEndpointThatWakesIsAColdStartNotAFailure() {
    emulator.defaultEndpoint().suspend();
    emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.refuse(Duration.ofMillis(600)));
    DoctorReport report = doctor(url(PRIMARY));

    assertThat(report.passed()).as(report.toText()).isTrue();
    assertThat(report.result(Check.ENDPOINT).detail()).contains("IDLE (suspended");
    assertThat(report.result(Check.LOGIN).detail())
        .contains("cold start: the endpoint was suspended and woke in");
    assertThat(report.coldStart()).hasValueSatisfying(
        wake -> assertThat(wake).as("logins are refused for 600 ms from the first")
            .isGreaterThanOrEqualTo(Duration.ofMillis(500)));
    assertThat(emulator.defaultEndpoint().wakeups()).isEqualTo(1);
    saveAndCheckSecrets(report);
  }

  @Test
  void endpointThatNeverWakes() {
    emulator.defaultEndpoint().suspend();
    emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.neverWake());
    DoctorReport report = doctor(url(PRIMARY) + "&connectBudget=2s");

    assertFailsAt(report, Check.LOGIN, "did not wake within connectBudget 2s",
        "check the endpoint's state in the Lakebase UI");
    assertThat(report.result(Check.QUERY).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void tlsHostNameMismatchUnderVerifyFull() throws Exception {
    // A name the emulator's certificate does not cover, routed to the emulator.
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    LakebaseConfig config = EmulatorSupport.config(emulator)
        .host("lakebase.example.org")
        .hostResolver(host -> new InetAddress[] {loopback})
        .sslMode(SslMode.VERIFY_FULL)
        .sslRootCert(emulator.caCertificatePath().toString())
        .build();
    DoctorReport report = LakebaseDoctor.forConfig(config).run();

    assertFailsAt(report, Check.TLS, "does not cover the host name lakebase.example.org",
        "sslmode=verify-ca");
    assertThat(report.result(Check.TLS).cause().orElseThrow()).contains("*.lakebase.test");
    assertThat(report.result(Check.LOGIN).status()).isEqualTo(CheckStatus.SKIP);
  }

  @Test
  void wrongDatabase() {
    DoctorReport report = doctor(url(PRIMARY) + "&database=nope");

    assertFailsAt(report, Check.LOGIN, "database \"nope\" does not exist",
        "set database (PGDATABASE)");
  }

  @Test
  void theSystemResolverIsCheckedWithTheJdkLookup() {
    // localhost resolves through the JDK (from the hosts file); it is never asked of DNS.
    DoctorReport report = LakebaseDoctor.forConfig(EmulatorSupport.config(emulator)
        .hostResolver(null).host("localhost").build()).run();
    saveAndCheckSecrets(report);

    assertThat(report.result(Check.DNS).status()).isEqualTo(CheckStatus.PASS);
    assertThat(report.result(Check.DNS).detail()).startsWith("JDK ")
        .contains("no direct DNS query (localhost is never in DNS)");
    assertThat(report.result(Check.TCP).status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void malformedUrlFailsTheConfigurationAndSkipsTheRest() {
    DoctorReport report = LakebaseDoctor.forUrl("jdbc:lakebase:projects/x/endpoints/y"
        + "?databricksToken=dapi0123456789abcdef", new Properties(), Map.of()).run();

    assertFailsAt(report, Check.CONFIGURATION, "is malformed", "fix endpoint",
        "dapi0123456789abcdef");
    assertThat(report.results()).filteredOn(r -> r.check() != Check.CONFIGURATION)
        .extracting(CheckResult::status).containsOnly(CheckStatus.SKIP);
    assertThat(report.target()).contains("databricksToken=<redacted>");
  }

  // ---- helpers ----------------------------------------------------------------------------

  private DoctorReport doctor(String url) {
    return doctor(url, emulator.patFor(emulator.defaultUser()));
  }

  /** The token goes in as a driver property, as a tool would pass it. */
  private DoctorReport doctor(String url, String workspaceToken) {
    Properties info = new Properties();
    info.setProperty("databricksToken", workspaceToken);
    DoctorReport report = LakebaseDoctor.forUrl(url, info, Map.of()).run();
    saveAndCheckSecrets(report, workspaceToken);
    return report;
  }

  private String url(String endpoint) {
    return "jdbc:lakebase:" + endpoint + "?port=" + emulator.port()
        + "&databricksHost=" + encode(emulator.workspaceUrl()) + "&databricksAuthType=pat"
        + "&hostResolver=" + EmulatorSupport.EmulatorDnsResolver.class.getName();
  }

  private void assertFailsAt(DoctorReport report, Check step, String cause, String fix,
      String... secrets) {
    saveAndCheckSecrets(report, secrets);
    assertThat(report.passed()).as(report.toText()).isFalse();
    CheckResult failed = report.firstFailure().orElseThrow();
    assertThat(failed.check()).as(report.toText()).isEqualTo(step);
    assertThat(failed.cause()).as(report.toText()).hasValueSatisfying(c -> assertThat(c).contains(cause));
    assertThat(failed.fix()).as(report.toText()).hasValueSatisfying(f -> assertThat(f).contains(fix));
    assertThat(report.toText()).contains("FAIL  " + step.label(), "cause: ", "fix:   ");
  }

  /** Writes the report for the README and checks that it shows no secret. */
  private void saveAndCheckSecrets(DoctorReport report, String... secrets) {
    String text = report.toText();
    String json = report.toJson();
    for (String shown : new String[] {text, json, report.toString()}) {
      assertThat(shown).doesNotContain("eyJ").doesNotContain(emulator.patFor(emulator.defaultUser()));
      for (String token : emulator.counters().mintedTokens()) {
        assertThat(shown).doesNotContain(token);
      }
      for (String secret : secrets) {
        assertThat(shown).doesNotContain(secret);
      }
    }
    assertThat(report.token()).as("kept only when asked").isEmpty();
    try {
      Path dir = Path.of("target", "doctor-reports");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(reportName + ".txt"), text);
      Files.writeString(dir.resolve(reportName + ".json"), json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
