package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseRuntime;
import dev.lakebase.jdbc.spi.HostResolver;
import dev.lakebase.pool.LakebaseUserPools;
import dev.lakebase.pool.LakebaseUserTokenException;
import dev.lakebase.spring.autoconfigure.internal.UserTokenProblemResolver;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** lakebase.user-pools.enabled: the current request's user, beside the app's DataSource. */
class LakebaseUserPoolsAutoConfigurationTest {

  private static final String APP = "app@example.com";
  private static final String ALICE = "alice@example.com";
  private static final String BOB = "bob@example.com";
  private static LakebaseEmulator emulator;

  @BeforeAll
  static void start() throws Exception {
    emulator = LakebaseEmulator.builder().user(APP).user(ALICE).user(BOB).start();
    try (Connection admin = emulator.adminDataSource().getConnection();
        Statement st = admin.createStatement()) {
      st.execute("CREATE TABLE spring_notes (owner text NOT NULL DEFAULT current_user, body text)");
      st.execute("ALTER TABLE spring_notes ENABLE ROW LEVEL SECURITY");
      st.execute("CREATE POLICY own ON spring_notes USING (owner = current_user)");
      for (String user : new String[] {ALICE, BOB}) {
        st.execute("ALTER ROLE \"" + user + "\" NOSUPERUSER");
        st.execute("GRANT SELECT, INSERT ON spring_notes TO \"" + user + "\"");
        st.execute("INSERT INTO spring_notes VALUES ('" + user + "', 'hello')");
      }
    }
  }

  @AfterAll
  static void stop() {
    LakebaseRuntime.reset();
    emulator.close();
    RequestContextHolder.resetRequestAttributes();
  }

  private static ApplicationContextRunner runner() {
    HostResolver resolver = host -> emulator.dns().resolve(host);
    return TestSupport.runner()
        .withConfiguration(AutoConfigurations.of(LakebaseUserPoolsAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
        .withBean(HostResolver.class, () -> resolver)
        .withBean(WorkspaceClient.class, () -> new WorkspaceClient(new DatabricksConfig()
            .setHost(emulator.workspaceUrl()).setToken(emulator.patFor(APP))))
        .withPropertyValues("lakebase.endpoint=" + emulator.defaultEndpoint().name(),
            "lakebase.port=" + emulator.port(), "lakebase.user-pools.enabled=true");
  }

  private static void request(String token) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me/notes");
    if (token != null) {
      request.addHeader("X-Forwarded-Access-Token", token);
    }
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
  }

  @Test
  void offByDefault() {
    runner().withPropertyValues("lakebase.user-pools.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean(LakebaseUserPools.class));
  }

  @Test
  void theUserBeansServeTheRequestsUserBesideTheAppsDataSource() {
    runner().run(context -> {
      JdbcClient user = context.getBean(LakebaseUserPoolsAutoConfiguration.USER_JDBC_CLIENT,
          JdbcClient.class);
      // Unqualified injection still gets the app's beans, and what Spring Boot's DataSource
      // health and metrics pick up (every injectable DataSource) is the app's only.
      assertThat(context.getBean(DataSource.class))
          .isNotSameAs(context.getBean(LakebaseUserPoolsAutoConfiguration.USER_DATA_SOURCE));
      assertThat(org.springframework.beans.factory.support.SimpleAutowireCandidateResolver
          .resolveAutowireCandidates(context.getBeanFactory(), DataSource.class, false, true))
          .doesNotContainKey(LakebaseUserPoolsAutoConfiguration.USER_DATA_SOURCE);
      org.springframework.jdbc.core.JdbcTemplate userTemplate = context.getBean(
          LakebaseUserPoolsAutoConfiguration.USER_JDBC_TEMPLATE,
          org.springframework.jdbc.core.JdbcTemplate.class);
      JdbcClient app = context.getBean(JdbcClient.class);
      try {
        request(emulator.patFor(APP));
        assertThat(app.sql("SELECT current_user").query(String.class).single()).isEqualTo(APP);
        for (String name : new String[] {ALICE, BOB}) {
          request(emulator.patFor(name));
          assertThat(user.sql("SELECT current_user").query(String.class).single())
              .isEqualTo(name);
          assertThat(userTemplate.queryForObject("SELECT current_user", String.class))
              .isEqualTo(name);
          assertThat(user.sql("SELECT owner FROM spring_notes").query(String.class).list())
              .containsOnly(name);
        }
        // @Transactional("lakebaseUserTransactionManager"): one connection of the user.
        request(emulator.patFor(ALICE));
        TransactionTemplate tx = new TransactionTemplate(context.getBean(
            LakebaseUserPoolsAutoConfiguration.USER_TRANSACTION_MANAGER,
            PlatformTransactionManager.class));
        String inTx = tx.execute(status -> {
          user.sql("INSERT INTO spring_notes (body) VALUES ('in a transaction')").update();
          status.setRollbackOnly();
          return user.sql("SELECT current_user").query(String.class).single();
        });
        assertThat(inTx).isEqualTo(ALICE);
        assertThat(user.sql("SELECT count(*) FROM spring_notes").query(Long.class).single())
            .isEqualTo(1L);
        // Counts only: no meter names a user.
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        context.getBean(dev.lakebase.spring.autoconfigure.internal.UserPoolsMeters.class)
            .bindTo(registry);
        assertThat(registry.get("lakebase.user.pools").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("lakebase.user.identity.lookups").functionCounter().count())
            .isEqualTo(2.0);
        registry.getMeters().forEach(m -> assertThat(m.getId().toString())
            .doesNotContain(ALICE, BOB));
      } finally {
        RequestContextHolder.resetRequestAttributes();
      }
    });
  }

  @Test
  void aRequestWithoutTheHeaderGetsA401ProblemNeverTheAppsData() {
    runner().run(context -> {
      JdbcClient user = context.getBean(LakebaseUserPoolsAutoConfiguration.USER_JDBC_CLIENT,
          JdbcClient.class);
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/me/notes");
      RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
      try {
        Exception failure = org.junit.jupiter.api.Assertions.assertThrows(
            CannotGetJdbcConnectionException.class,
            () -> user.sql("SELECT 1").query(Integer.class).single());
        assertThat(failure).hasRootCauseInstanceOf(LakebaseUserTokenException.class);
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(new UserTokenProblemResolver("X-Forwarded-Access-Token")
            .resolveException(request, response, null, failure)).isNotNull();
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("X-Forwarded-Access-Token",
            "\"status\":401");
        // Not the user's token problem: left to the other resolvers.
        assertThat(new UserTokenProblemResolver("X").resolveException(request,
            new MockHttpServletResponse(), null, new IllegalStateException("x"))).isNull();
      } finally {
        RequestContextHolder.resetRequestAttributes();
      }
      // Outside any request too.
      assertThatThrownBy(() -> user.sql("SELECT 1").query(Integer.class).single())
          .hasRootCauseInstanceOf(LakebaseUserTokenException.class);
    });
  }
}
