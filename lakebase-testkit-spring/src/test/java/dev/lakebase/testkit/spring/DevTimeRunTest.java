package dev.lakebase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.demo.DemoApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dev-time entry point, {@code SpringApplication.from(App::main).with(...)}: the application's
 * unchanged main on the emulator, its settings from {@code lakebase-emulator.*} arguments, the
 * emulator closed with the context, and data kept in a data directory across runs.
 */
class DevTimeRunTest {

  @TempDir
  Path data;

  @Test
  void theApplicationsMainRunsOnTheEmulatorAndKeepsDataAcrossRuns() {
    LakebaseEmulator first;
    try (ConfigurableApplicationContext app = run()) {
      first = app.getBean(LakebaseEmulator.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      jdbc.execute("create table notes (body text)");
      jdbc.update("insert into notes values ('kept')");
      assertThat(first.counters().mints()).isPositive();
    }
    assertThat(first.toString()).contains("closed");
    try (ConfigurableApplicationContext app = run()) {
      assertThat(app.getBean(JdbcTemplate.class)
          .queryForObject("select body from notes", String.class)).isEqualTo("kept");
    }
    assertThat(Files.isDirectory(data)).isTrue();
  }

  private ConfigurableApplicationContext run() {
    return SpringApplication.from(DemoApplication::main)
        .with(LakebaseEmulatorConfiguration.class)
        .run("--spring.main.web-application-type=none",
            "--lakebase-emulator.data-dir=" + data).getApplicationContext();
  }
}
