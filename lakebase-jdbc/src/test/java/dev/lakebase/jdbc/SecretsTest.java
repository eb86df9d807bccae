package dev.lakebase.jdbc;

import static dev.lakebase.jdbc.EmulatorSupport.PRIMARY;
import static dev.lakebase.jdbc.EmulatorSupport.WAIT;
import static dev.lakebase.jdbc.EmulatorSupport.config;
import static dev.lakebase.jdbc.EmulatorSupport.selectOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.lakebase.jdbc.spi.CredentialProvider;
import dev.lakebase.jdbc.spi.DatabaseCredential;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Runs connects, refreshes and every kind of failure with all our logging on, and checks that no
 * minted token shows up in a log line, an exception, an event or a toString().
 */
@EmulatedLakebase
class SecretsTest {

  private final LakebaseEmulator emulator;
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final List<String> observed = new ArrayList<>();
  private final RecordingListener events = new RecordingListener();

  SecretsTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void captureLogs() {
    EmulatorSupport.fresh(emulator);
    EmulatorSupport.writeProfile(emulator);
    logs.start();
    root().addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root().detachAppender(logs);
    logs.stop();
  }

  @Test
  void noTokenLeaksAnywhere() throws Exception {
    emulator.tokenLifetime(Duration.ofSeconds(3));
    LakebaseConfig config = config(emulator).listener(events).build();
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      connect(ds);
      // A background refresh.
      await().atMost(WAIT).until(() -> events.mints.stream().anyMatch(m -> m.background()));
      // A rejected token, re-minted.
      emulator.revokeTokensOf(emulator.defaultUser());
      connect(ds);
      // A failed mint that is retried (the SDK does not retry HTTP 500).
      emulator.api().failNext(1, 500, "/api/2.0/postgres/credentials");
      await().atMost(WAIT).until(() -> events.mints.stream().anyMatch(m -> !m.success()));
      connect(ds);
      observe(ds, ds.config(), ds.credentialStatus());
    }
    // Authentication failures with a fresh token.
    try (LakebaseDataSource wrongUser = new LakebaseDataSource(config(emulator)
        .user("intruder@example.com").listener(events).build())) {
      fail(wrongUser);
      observe(wrongUser, wrongUser.credentialStatus());
    }
    // A permanent mint failure.
    try (LakebaseDataSource unknown = new LakebaseDataSource(config(emulator)
        .endpoint("projects/demo/branches/main/endpoints/missing").listener(events).build())) {
      fail(unknown);
    }
    // A custom provider whose failure message quotes a real token.
    String leaked = emulator.mintToken(PRIMARY, emulator.defaultUser());
    CredentialProvider careless = new CredentialProvider() {
      @Override
      public DatabaseCredential mint() {
        throw new IllegalStateException("cannot use token " + leaked);
      }

      @Override
      public String cacheKey() {
        return "careless";
      }
    };
    try (LakebaseDataSource custom = new LakebaseDataSource(config(emulator)
        .user(emulator.defaultUser()).credentialProvider(careless).listener(events).build())) {
      fail(custom);
      observe(custom.credentialStatus());
    }
    // The pgjdbc plugin path (its own settings, so it does not reuse another test's plugin cache).
    String host = emulator.defaultEndpoint().host();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:"
        + emulator.port() + "/" + emulator.database() + "?sslmode=require&user="
        + URLEncoder.encode(emulator.defaultUser(), StandardCharsets.UTF_8) + "&options="
        + URLEncoder.encode("endpoint=" + host.substring(0, host.indexOf('.')),
            StandardCharsets.UTF_8)
        + "&authenticationPluginClassName=" + LakebaseAuthenticationPlugin.class.getName()
        + "&lakebase.endpoint=" + PRIMARY + "&lakebase.databricksProfile="
        + EmulatorSupport.PROFILE + "&lakebase.connectBudget=25s")) {
      selectOne(c);
    }

    observe(events.all().toArray());
    for (ILoggingEvent e : logs.list) {
      observed.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        observed.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).as("the scenario minted several tokens").hasSizeGreaterThan(4);
    assertThat(logs.list).as("our logging was captured").anySatisfy(
        e -> assertThat(e.getFormattedMessage()).contains("Minted a credential"));
    assertThat(String.join("\n", observed)).contains("<redacted>");
    for (String token : tokens) {
      assertThat(observed).noneSatisfy(text -> assertThat(text).contains(token));
    }
  }

  private void connect(LakebaseDataSource ds) throws Exception {
    try (Connection c = ds.getConnection()) {
      selectOne(c);
    }
  }

  /** Records the failure's message, toString and full stack trace with causes. */
  private void fail(LakebaseDataSource ds) {
    try (Connection c = ds.getConnection()) {
      throw new AssertionError("expected a failure from " + ds);
    } catch (Exception e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      observed.add(e.getMessage());
      observed.add(e.toString());
      observed.add(trace.toString());
    }
  }

  private void observe(Object... things) {
    for (Object o : things) {
      observed.add(String.valueOf(o));
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
