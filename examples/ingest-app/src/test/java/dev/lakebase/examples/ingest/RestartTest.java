package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Two runs of the application on one database (the emulator's persistent data
 * directory): a normal shutdown writes every buffered row before the pool closes, and import
 * task status outlives the process.
 */
class RestartTest {

  @TempDir
  Path dir;

  @Test
  void shutdownWritesTheBuffersAndTaskStatusSurvivesTheRestart() throws Exception {
    Path data = dir.resolve("pgdata");
    String device = IngestAppTestSupport.device();
    List<UUID> buffered = new ArrayList<>();
    String importedTask;
    UUID interruptedTask = UUID.randomUUID();

    try (ConfigurableApplicationContext app = start(data,
        // Nothing is written before the shutdown unless the shutdown writes it.
        "--ingest.tables.sensor_readings.flush-interval=1h",
        "--ingest.tables.sensor_readings.batch-size=100000",
        "--ingest.tables.sensor_readings.buffer-capacity=100000")) {
      Api api = api(app);
      Db db = new Db(app.getBean(LakebaseEmulator.class).adminDataSource());
      for (int request = 0; request < 3; request++) {
        assertThat(api.post("/ingest/sensor_readings", Records.readings(device, 100, buffered))
            .status()).isEqualTo(202);
      }
      assertThat(db.readings(device)).isZero();

      Path csv = Files.writeString(dir.resolve("events.csv"), CsvImportTest.HEADER
          + "d1,boot,99,v1,,2024-05-01T12:00:00Z\nd2,boot,98,v1,,2024-05-01T12:00:01Z\n");
      importedTask = api.postFile("/import/device_events", "text/csv", csv).json().get("id")
          .asString();
      await().atMost(Duration.ofSeconds(30)).until(() ->
          api.get("/tasks/" + importedTask).json().get("state").asString().equals("SUCCEEDED"));
      // What a process killed during an import leaves behind (CrashDurabilityIT does it for
      // real with a child process).
      db.jdbc().update("INSERT INTO ingest.ingest_tasks (id, table_key, target_table, state,"
          + " file_bytes, started_at) VALUES (?, 'device_events', 'ingest.device_events',"
          + " 'RUNNING', 10, now())", interruptedTask);
    }

    try (ConfigurableApplicationContext app = start(data)) {
      Api api = api(app);
      Db db = new Db(app.getBean(LakebaseEmulator.class).adminDataSource());
      assertThat(db.rowsPerIngestId("ingest.sensor_readings", buffered))
          .as("every row buffered at shutdown was written, once")
          .containsOnlyKeys(buffered).allSatisfy((id, rows) -> assertThat(rows).isOne());

      JsonNode imported = api.get("/tasks/" + importedTask).json();
      assertThat(imported.get("state").asString()).isEqualTo("SUCCEEDED");
      assertThat(imported.get("rowsImported").asLong()).isEqualTo(2);

      JsonNode interrupted = api.get("/tasks/" + interruptedTask).json();
      assertThat(interrupted.get("state").asString()).isEqualTo("FAILED");
      assertThat(interrupted.get("error").asString()).isEqualTo("the application stopped during"
          + " the import (nothing was imported); upload the file again");
      assertThat(interrupted.get("finishedAt").isNull()).isFalse();
    }
  }

  private static ConfigurableApplicationContext start(Path data, String... args) {
    return new SpringApplicationBuilder(IngestApplication.class, LakebaseEmulatorConfiguration.class).run(Stream.concat(
        Stream.of("--server.port=0", "--lakebase-emulator.data-dir=" + data), Stream.of(args))
        .toArray(String[]::new));
  }

  private static Api api(ConfigurableApplicationContext app) {
    return new Api(((WebServerApplicationContext) app).getWebServer().getPort());
  }
}
