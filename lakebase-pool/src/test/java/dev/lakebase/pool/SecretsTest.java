package dev.lakebase.pool;

import static dev.lakebase.pool.PoolTests.core;
import static dev.lakebase.pool.PoolTests.pool;
import static dev.lakebase.pool.PoolTests.selectOne;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.lakebase.testkit.EmulatedLakebase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/**
 * Runs both pools through connects, a revoked token, a dropped session and metrics with our,
 * HikariCP's and Vibur's loggers at DEBUG, and checks that no minted token shows up in a log line,
 * an exception, a toString() or a meter. (The Databricks SDK's HTTP client prints response bodies
 * at DEBUG: that logger stays at INFO, as the core's README tells users.)
 */
@EmulatedLakebase
class SecretsTest extends EmulatorTest {

  private static final String[] LOGGERS = {"dev.lakebase", "com.zaxxer.hikari", "org.vibur"};

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureEverything() {
    logs.start();
    for (String name : LOGGERS) {
      logger(name).setLevel(Level.DEBUG);
    }
    logger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    logger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    for (String name : LOGGERS) {
      logger(name).setLevel(null);
    }
    logger("dev.lakebase").setLevel(Level.DEBUG); // as in logback-test.xml
    logs.stop();
  }

  @ParameterizedTest
  @EnumSource(PoolType.class)
  void noTokenLeaks(PoolType type) throws Exception {
    List<String> observed = new ArrayList<>();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (LakebasePooledDataSource ds = LakebasePools.create(core(emulator).build(),
        pool(type).maximumPoolSize(2).build())) {
      LakebasePoolMetrics.bind(ds, registry);
      try (Connection c = ds.getConnection()) {
        selectOne(c);
      }
      // A revoked token is rejected at the next login; the core re-mints and retries.
      emulator.revokeTokensOf(emulator.defaultUser());
      emulator.defaultEndpoint().suspend();
      for (int i = 0; i < 3; i++) {
        try (Connection c = ds.getConnection()) {
          selectOne(c);
        } catch (SQLException deadSession) {
          observed.add(deadSession.toString());
        }
      }
      observed.add(ds.toString());
      observed.add(ds.stats().toString());
      observed.add(ds.lakebaseDataSource().credentialStatus().toString());
      registry.getMeters().forEach(m -> observed.add(m.getId().toString()));
    }

    List<String> tokens = emulator.counters().mintedTokens();
    assertThat(tokens).as("a re-mint happened").hasSizeGreaterThanOrEqualTo(2);
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      observed.add(event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        observed.add(ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
    }
    for (String text : observed) {
      for (String token : tokens) {
        assertThat(text).doesNotContain(token);
      }
    }
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
