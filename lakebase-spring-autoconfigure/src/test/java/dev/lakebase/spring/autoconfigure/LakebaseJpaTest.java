package dev.lakebase.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.pool.LakebaseHikariDataSource;
import dev.lakebase.testkit.EmulatedCompute;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.WakeBehaviour;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.support.TransactionTemplate;

/** JPA (Hibernate, as Spring Boot auto-configures it) over the Lakebase DataSource. */
@EmulatedLakebase
class LakebaseJpaTest {

  private static LakebaseEmulator emulator;
  private static EmulatedCompute endpoint;

  @BeforeAll
  static void emulator(LakebaseEmulator shared) {
    emulator = shared;
    endpoint = shared.defaultEndpoint();
    TestSupport.writeProfiles(shared);
  }

  @AfterEach
  void restoreTheEndpoint() {
    // Wake behaviour back to hold(0), every compute ACTIVE, counters cleared.
    emulator.reset();
  }

  /** The Lakebase DataSource on the emulator, plus Spring Boot's Hibernate JPA. */
  private static ApplicationContextRunner runner() {
    return TestSupport.runner(emulator, endpoint)
        .withConfiguration(AutoConfigurations.of(HibernateJpaAutoConfiguration.class,
            TransactionAutoConfiguration.class))
        .withUserConfiguration(Entities.class)
        // A regression that connects where it must not fails fast instead of hanging.
        .withPropertyValues("lakebase.connect-budget=2s");
  }

  @Test
  void entityPersistedThroughJpaIsReadBackAndVisibleOverJdbc() {
    long logins = emulator.counters().loginsAccepted(endpoint.name());
    runner().withPropertyValues("spring.jpa.hibernate.ddl-auto=create-drop").run(context -> {
      assertThat(context).hasNotFailed();
      DataSource dataSource = context.getBean(DataSource.class);
      assertThat(dataSource).isInstanceOf(LakebaseHikariDataSource.class);
      assertThat(context.getBean("&entityManagerFactory",
          LocalContainerEntityManagerFactoryBean.class).getDataSource())
          .as("Hibernate uses the Lakebase pool").isSameAs(dataSource);

      EntityManagerFactory emf = context.getBean(EntityManagerFactory.class);
      TransactionTemplate tx = context.getBean(TransactionTemplate.class);
      Long id = tx.execute(status -> {
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(emf);
        JpaNote note = new JpaNote("written through JPA");
        em.persist(note);
        em.flush();
        return note.getId();
      });
      assertThat(id).isNotNull();

      EntityManager em = emf.createEntityManager();
      try {
        em.getTransaction().begin();
        JpaNote read = em.find(JpaNote.class, id);
        assertThat(read).isNotNull();
        assertThat(read.getBody()).isEqualTo("written through JPA");
        assertThat(em.createQuery("select count(n) from JpaNote n", Long.class)
            .getSingleResult()).isEqualTo(1L);
        em.getTransaction().commit();
      } finally {
        em.close();
      }

      JdbcTemplate jdbc = new JdbcTemplate(dataSource);
      assertThat(jdbc.queryForObject("select body from jpa_note where id = ?", String.class, id))
          .as("committed, so visible to a plain JDBC query on the same DataSource")
          .isEqualTo("written through JPA");
    });
    assertThat(emulator.counters().loginsAccepted(endpoint.name()))
        .as("the sessions were Lakebase logins to the endpoint").isGreaterThan(logins);
  }

  @Test
  void bootsWithoutConnectingWhenHibernateMustNotReadJdbcMetadata() {
    endpoint.wakeBehaviour(WakeBehaviour.neverWake());
    endpoint.suspend();
    long accepted = emulator.counters().loginsAccepted();
    long acceptedByEndpoint = emulator.counters().loginsAccepted(endpoint.name());
    long rejected = emulator.counters().loginsRejected();
    int audited = emulator.counters().logins().size();
    runner()
        .withPropertyValues("spring.jpa.hibernate.ddl-auto=none",
            "spring.jpa.database-platform=org.hibernate.dialect.PostgreSQLDialect",
            "spring.jpa.properties.hibernate.boot.allow_jdbc_metadata_access=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(EntityManagerFactory.class);
          assertThat(emulator.counters().loginsAccepted()).as("logins accepted during boot")
              .isEqualTo(accepted);
          assertThat(emulator.counters().loginsRejected())
              .as("logins refused during boot (a suspended endpoint refuses with 57P03)")
              .isEqualTo(rejected);
          assertThat(emulator.counters().logins()).as("login audit").hasSize(audited);
          assertThat(endpoint.state()).isEqualTo(EmulatedCompute.State.IDLE);

          // Once the endpoint is up, the EntityManagerFactory built without metadata works.
          endpoint.wakeBehaviour(WakeBehaviour.hold(Duration.ZERO));
          endpoint.wake();
          EntityManager em = context.getBean(EntityManagerFactory.class).createEntityManager();
          try {
            assertThat(((Number) em.createNativeQuery("select 42").getSingleResult()).intValue())
                .isEqualTo(42);
          } finally {
            em.close();
          }
          assertThat(emulator.counters().loginsAccepted(endpoint.name()))
              .isGreaterThan(acceptedByEndpoint);
        });
  }

  /** Scans this package for {@link JpaNote}, as an application's main package would be. */
  @Configuration(proxyBeanMethods = false)
  @EntityScan(basePackageClasses = JpaNote.class)
  static class Entities {
  }
}
