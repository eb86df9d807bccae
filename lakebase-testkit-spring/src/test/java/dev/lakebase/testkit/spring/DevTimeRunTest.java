package dev.lakebase.testkit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.demo.DemoApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The dev-time entry point, {@code SpringApplication.from(App::main).with(...)}: the application's
 * unchanged main on the emulator, its settings from {@code lakebase-emulator.*} arguments, the
 * emulator closed with the context, data kept in a data directory across runs, and the
 * connection settings printed on request.
 */
@ExtendWith(OutputCaptureExtension.class)
class DevTimeRunTest {

  @TempDir
  Path data;

  @Test
  void theApplicationsMainRunsOnTheEmulatorAndKeepsDataAcrossRuns(CapturedOutput output) {
    LakebaseEmulator first;
    try (ConfigurableApplicationContext app = run("--lakebase-emulator.print-settings=true")) {
      first = app.getBean(LakebaseEmulator.class);
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      jdbc.execute("create table notes (body text)");
      jdbc.update("insert into notes values ('kept')");
      assertThat(first.counters().mints()).isPositive();
      assertThat(output.getOut()).contains("lakebase.port=" + first.defaultEndpoint().directPort())
          .contains("psql 'host=127.0.0.1 port=" + first.defaultEndpoint().directPort());
    }
    assertThat(first.toString()).contains("closed");
    try (ConfigurableApplicationContext app = run()) {
      assertThat(app.getBean(JdbcTemplate.class)
          .queryForObject("select body from notes", String.class)).isEqualTo("kept");
    }
    assertThat(Files.isDirectory(data)).isTrue();
  }

  private ConfigurableApplicationContext run(String... extra) {
    List<String> args = new ArrayList<>(List.of("--spring.main.web-application-type=none",
        "--lakebase-emulator.data-dir=" + data));
    args.addAll(List.of(extra));
    return SpringApplication.from(DemoApplication::main)
        .with(LakebaseEmulatorConfiguration.class)
        .run(args.toArray(String[]::new)).getApplicationContext();
  }
}
