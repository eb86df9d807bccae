package dev.lakebase.spring.autoconfigure.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.jayway.jsonpath.JsonPath;
import com.zaxxer.hikari.HikariDataSource;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.pool.LakebaseHikariDataSource;
import dev.lakebase.spring.autoconfigure.TestSupport;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot web application with Actuator and Flyway against the emulator, configured only
 * through properties and one HostResolver bean (the emulator's host names are not in DNS).
 */
@EmulatedLakebase
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoints.web.exposure.include=health,metrics",
    "management.endpoint.health.show-details=always",
    "spring.datasource.hikari.maximum-pool-size=5",
    "lakebase.connect-budget=2s",
    // The JVM's first connect also sets up the workspace client, which can take longer than this
    // short budget on a loaded machine: leave the pool time for a second connect (the default
    // would be connect-budget + 2 s).
    "lakebase.pool.connection-timeout=7s",
    "lakebase.health.timeout=3s",
    // This application migrates with Flyway; Liquibase is on the test classpath only for
    // LakebaseLiquibaseTest (and would look for db/changelog/db.changelog-master.yaml).
    "spring.liquibase.enabled=false"})
class OrdersApplicationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LakebaseEmulator emulator;
  private static EmulatedCompute endpoint;

  /** Every JSON document the tests received, checked for tokens after each test. */
  private final List<String> responses = new ArrayList<>();

  @LocalServerPort
  private int port;

  @Autowired
  private JdbcTemplate jdbc;

  @Autowired
  private DataSource dataSource;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
    endpoint = shared.defaultEndpoint();
    TestSupport.writeProfiles(shared);
    // Other test classes of this JVM share the process-wide credential cache of this endpoint:
    // start cold, so that this application's own first connect mints (and is measured).
    LakebaseRuntime.reset();
  }

  @DynamicPropertySource
  static void lakebase(DynamicPropertyRegistry registry) {
    registry.add("lakebase.endpoint", () -> endpoint.name());
    registry.add("lakebase.port", () -> emulator.port());
    registry.add("lakebase.databricks.host", () -> emulator.workspaceUrl());
    registry.add("lakebase.databricks.profile", () -> TestSupport.PROFILE);
  }

  @TestConfiguration
  static class EmulatorDns {

    @Bean
    HostResolver emulatorDns() {
      return host -> emulator.dns().resolve(host);
    }
  }

  @AfterEach
  void noTokenInAnyResponse() {
    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).isNotEmpty();
    for (String response : responses) {
      for (String token : tokens) {
        assertThat(response).doesNotContain(token);
      }
      assertThat(response).doesNotContain("eyJ");
    }
  }

  @Test
  void flywayMigratedThroughTheLakebasePool() throws Exception {
    assertThat(dataSource).isInstanceOf(LakebaseHikariDataSource.class);
    assertThat(((HikariDataSource) dataSource).getMaximumPoolSize())
        .as("spring.datasource.hikari.* reaches the pool").isEqualTo(5);
    assertThat(jdbc.queryForObject(
        "select success from flyway_schema_history where version = '1'", Boolean.class))
        .isTrue();
    assertThat(jdbc.queryForObject("select count(*) from orders", Integer.class)).isEqualTo(3);
    assertThat(new BigDecimal(get("/orders/revenue").body())).isEqualByComparingTo("416879.88");
    assertThat(jdbc.queryForObject("select current_user", String.class))
        .isEqualTo(emulator.defaultUser());
  }

  @Test
  void healthIsUpWithTheCredentialsExpiry() throws Exception {
    // An open connection: the check validates it (with none it would report without borrowing).
    assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    String json = health.body();
    assertThat((String) JsonPath.read(json, "$.status")).isEqualTo("UP");
    assertThat((String) JsonPath.read(json, "$.components.lakebase.status")).isEqualTo("UP");
    assertThat((String) JsonPath.read(json, "$.components.db.status")).isEqualTo("UP");
    String details = "$.components.lakebase.details";
    assertThat((String) JsonPath.read(json, details + ".target"))
        .isEqualTo("Autoscaling endpoint " + endpoint.name());
    assertThat((String) JsonPath.read(json, details + ".host")).isEqualTo(endpoint.host());
    assertThat((String) JsonPath.read(json, details + ".identity"))
        .isEqualTo(emulator.defaultUser());
    assertThat((Boolean) JsonPath.read(json, details + ".credential.valid")).isTrue();
    assertThat((String) JsonPath.read(json, details + ".credential.expiresAt")).isNotBlank();
    assertThat(((Number) JsonPath.read(json, details + ".credential.secondsToExpiry"))
        .longValue()).isBetween(1L, emulator.tokenLifetime().toSeconds());
    assertThat((String) JsonPath.read(json, details + ".credential.lastMintResult"))
        .isEqualTo("success");
    assertThat((String) JsonPath.read(json, details + ".pool.type")).isEqualTo("hikari");
  }

  @Test
  void healthIsDownWhileTheEndpointIsSuspendedBeyondTheConnectBudget() {
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    try {
      // Each request returns within lakebase.health.timeout (3 s) even though a borrow may wait
      // for the pool's connection timeout (7 s here); the HTTP request timeout of
      // the helper is the safety net that fails a hanging health endpoint.
      await().atMost(WAIT).untilAsserted(() -> {
        HttpResponse<String> health = get("/actuator/health/lakebase");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat((String) JsonPath.read(health.body(), "$.status")).isEqualTo("DOWN");
        assertThat((String) JsonPath.read(health.body(), "$.details.error")).isNotBlank();
      });
      await().atMost(WAIT).untilAsserted(() -> {
        String json = get("/actuator/health/lakebase").body();
        assertThat((String) JsonPath.read(json, "$.details.lastConnectFailure.kind"))
            .isEqualTo("COLD_START");
        assertThat((String) JsonPath.read(json, "$.details.lastConnectFailure.message"))
            .contains("57P03");
        assertThat((Boolean) JsonPath.read(json, "$.details.credential.valid"))
            .as("the credential is fine: the endpoint is the problem").isTrue();
      });
    } finally {
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
      endpoint.wake();
    }
    await().atMost(WAIT).untilAsserted(
        () -> assertThat(get("/actuator/health/lakebase").statusCode()).isEqualTo(200));
  }

  @Test
  void healthStaysUpWhenTheEndpointScaledToZeroAndWakesOnDemand() throws Exception {
    assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
    endpoint.suspend();   // closes the pooled sessions; the next login wakes the endpoint
    HttpResponse<String> health = get("/actuator/health/lakebase");
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(endpoint.wakeups()).isPositive();
  }

  @Test
  void metricsOfMintsConnectsAndColdStartsNextToHikaris() throws Exception {
    // A suspended endpoint that wakes within a short hold: the next physical connect waits.
    endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ofMillis(300)));
    endpoint.suspend();
    try {
      await().atMost(WAIT).ignoreExceptions().untilAsserted(() ->
          assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1));
    } finally {
      endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
    }
    String names = get("/actuator/metrics").body();
    List<String> meters = JsonPath.read(names, "$.names");
    assertThat(meters).contains("lakebase.credential.mints", "lakebase.credential.mint.latency",
        "lakebase.credential.expiry", "lakebase.connect.attempts",
        "lakebase.connect.coldstart.wait", "lakebase.pool.connections",
        "hikaricp.connections", "hikaricp.connections.acquire");

    double mints = measurement("lakebase.credential.mints?tag=result:success", "COUNT");
    assertThat(mints).as("this application's mints, as the workspace counted them")
        .isEqualTo(emulator.counters().mints(endpoint.name()));
    assertThat(measurement("lakebase.credential.expiry", "VALUE"))
        .isBetween(1.0, (double) emulator.tokenLifetime().toSeconds());
    assertThat(measurement("lakebase.connect.coldstart.wait", "COUNT")).isGreaterThanOrEqualTo(1);
    assertThat(measurement("lakebase.connect.attempts?tag=outcome:success", "COUNT"))
        .isGreaterThanOrEqualTo(2);
  }

  private double measurement(String meter, String statistic) throws Exception {
    HttpResponse<String> response = get("/actuator/metrics/" + meter);
    assertThat(response.statusCode()).as(meter).isEqualTo(200);
    List<Number> values = JsonPath.read(response.body(),
        "$.measurements[?(@.statistic == '" + statistic + "')].value");
    assertThat(values).as(meter + " " + statistic).hasSize(1);
    return values.get(0).doubleValue();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20)).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    responses.add(response.body());
    return response;
  }
}
