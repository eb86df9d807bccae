package dev.lakebase.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.examples.orders.generator.TpchGenerator;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.LoginRecord;
import dev.lakebase.testkit.WakeBehaviour;
import dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Requests keep flowing while tokens rotate, while the endpoint is suspended and wakes, and get
 * 503 + Retry-After (never a hang) when it stays unavailable past the connect budget.
 *
 * <p>Compressed time: the emulator mints 5 s tokens; pooled connections live 30 s (HikariCP's
 * shortest maxLifetime; {@code lakebase.pool.token-lifetime} is lowered so the pool accepts it),
 * so sessions outlive their tokens, which Lakebase allows: a token is checked at login only.
 * Its own application context (and emulator), apart from the other tests'.
 */
@SpringBootTest(classes = OrdersApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
        "orders.data.scale=" + ResilienceTest.SCALE,
        "lakebase-emulator.token-lifetime=5s",
        "lakebase.pool.max-lifetime=30s",
        "lakebase.pool.token-lifetime=40s",
        "lakebase.connect-budget=3s",
        "lakebase.pool.connection-timeout=4s"})
@AutoConfigureLakebaseEmulator
@ActiveProfiles("emulator")
@ExtendWith(OutputCaptureExtension.class)
class ResilienceTest {

  static final int SCALE = 500;
  private static final int CLIENTS = 6;
  private static final Duration DEADLINE = Duration.ofSeconds(75);

  @LocalServerPort
  int port;
  @Autowired
  LakebaseEmulator emulator;
  @Autowired
  LakebasePooledDataSource pool;

  @Test
  void requestsKeepFlowingThroughTokenRotationSuspendAndWake(CapturedOutput output) {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    List<Long> keys = LongStream.range(0, SCALE).map(TpchGenerator::orderKey).boxed().toList();
    Http http = new Http(port);

    Traffic traffic = new Traffic(http, keys, CLIENTS,
        () -> endpoint.state() != EmulatedCompute.State.ACTIVE);
    try (traffic) {
      // 1. Token rotation: every session open now is retired and replaced, several tokens later.
      Instant rotationStart = Instant.now();
      long mints = emulator.counters().mints();
      await().atMost(DEADLINE).until(() -> emulator.counters().mints() - mints >= 4
          && endpoint.activeSessions() > 0
          && endpoint.oldestSessionAge().compareTo(Duration.between(rotationStart, Instant.now())) < 0
          && traffic.outcomes(1).size() > 100);
      List<LoginRecord> logins = emulator.counters().logins().stream()
          .filter(login -> login.at().isAfter(rotationStart)).toList();
      long tokensUsed = logins.stream().map(LoginRecord::tokenFingerprint).distinct().count();

      // 2. Suspend, then a wake that takes 1.5 s: only requests on the dropped sessions fail.
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ofMillis(1500)));
      long wakeups = endpoint.wakeups();
      int dropped = Math.max(endpoint.activeSessions(), pool.stats().total());
      int inFlightAtSuspend = traffic.phase(2);
      endpoint.suspend();
      await().atMost(DEADLINE).until(() -> endpoint.wakeups() > wakeups
          && endpoint.state() == EmulatedCompute.State.ACTIVE
          && traffic.outcomes(2).stream().anyMatch(o -> o.ok() && o.startedWhileSuspended()));
      traffic.phase(3);
      await().atMost(DEADLINE).until(() -> traffic.outcomes(3).stream()
          .filter(o -> o.ok() && o.started() == 3).count() >= 50);

      // 3. Suspended past the connect budget: 503 with Retry-After, never a hang.
      endpoint.wakeBehaviour(WakeBehaviour.neverWake());
      traffic.phase(4);
      endpoint.suspend();
      await().atMost(DEADLINE).until(() ->
          traffic.outcomes(4).stream().filter(o -> o.status() == 503).count() >= 2L * CLIENTS);

      // 4. Woken: the application recovers by itself.
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
      endpoint.wake();
      traffic.phase(5);
      await().atMost(DEADLINE).until(() -> traffic.outcomes(5).stream()
          .filter(o -> o.ok() && o.started() == 5).count() >= 50);

      report("rotation", traffic.outcomes(1), String.format("%d mints, %d logins with %d distinct tokens,"
          + " %d logins with an expired token", emulator.counters().mints() - mints,
          logins.size(), tokensUsed, emulator.counters().loginsWithExpiredToken()));
      assertThat(traffic.outcomes(1)).allMatch(Traffic.Outcome::ok);
      assertThat(logins).allMatch(LoginRecord::accepted);
      assertThat(tokensUsed).as("replacement sessions log in with fresh tokens").isGreaterThan(1);
      assertThat(emulator.counters().loginsWithExpiredToken()).isZero();

      // Requests that started before the wake may complete after it: count their failures too.
      List<Traffic.Outcome> suspended = traffic.outcomes().stream()
          .filter(o -> o.phase() == 2 || o.phase() == 3 && o.started() <= 2).toList();
      List<Traffic.Outcome> failures = suspended.stream().filter(o -> !o.ok()).toList();
      report("suspend + 1.5 s wake", suspended, String.format("%d sessions dropped, %d requests"
          + " in flight then, %d failed, %d started while suspended and succeeded after the wake",
          dropped, inFlightAtSuspend, failures.size(),
          suspended.stream().filter(o -> o.ok() && o.startedWhileSuspended()).count()));
      assertThat(failures.size()).as("at most one failure per dropped session")
          .isLessThanOrEqualTo(dropped);
      assertThat(failures).allMatch(o -> o.status() == 503 && o.retryAfter());
      assertThat(traffic.outcomes(3)).filteredOn(o -> o.started() == 3)
          .as("after the wake").allMatch(Traffic.Outcome::ok);
    }
    List<Traffic.Outcome> neverWakes = traffic.outcomes().stream()
        .filter(o -> o.started() == 4 || o.phase() == 4).toList();
    report("suspended, never wakes", neverWakes, String.format("%d answered 503 with Retry-After",
        neverWakes.stream().filter(o -> o.status() == 503 && o.retryAfter()).count()));
    report("woken again", traffic.outcomes(5), "");
    assertThat(neverWakes).allMatch(o -> o.ok() || (o.status() == 503 && o.retryAfter()));
    assertThat(traffic.outcomes(5)).filteredOn(o -> o.started() == 5)
        .as("after waking again").allMatch(Traffic.Outcome::ok);
    assertThat(traffic.outcomes()).as("every request completed: none hung, none lost")
        .noneMatch(o -> o.timedOut() || o.status() == 0);
    // Many mints, failures and 503s were logged: never with a token.
    assertThat(emulator.counters().mintedTokens()).allSatisfy(
        token -> assertThat(output.getAll()).doesNotContain(token));
  }

  private static void report(String phase, List<Traffic.Outcome> outcomes, String details) {
    Map<Integer, Long> statuses = outcomes.stream()
        .collect(Collectors.groupingBy(Traffic.Outcome::status, TreeMap::new, Collectors.counting()));
    System.out.printf("[resilience] %s: %d requests, by status %s, %d timed out; %s%n", phase,
        outcomes.size(), statuses, outcomes.stream().filter(Traffic.Outcome::timedOut).count(),
        details);
  }
}
