package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.testkit.LakebaseEmulator;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged application killed with SIGKILL while clients post and an import runs, the
 * database (the emulator, in this JVM) outliving it like a real Lakebase: every row answered
 * with 200 is there exactly once, before and after the restart, and the interrupted import is
 * FAILED with nothing of it imported.
 */
class CrashDurabilityIT {

  static LakebaseEmulator emulator;

  /** Kept after the run (target/crash-it/*.log) to see what the child processes did. */
  static final Path LOGS = Path.of("target", "crash-it");

  @TempDir
  Path dir;

  @BeforeAll
  static void startLakebase() throws Exception {
    Files.createDirectories(LOGS);
    for (String run : new String[] {"run-1.log", "run-2.log"}) {
      Files.deleteIfExists(LOGS.resolve(run)); // the logs are appended to
    }
    emulator = LakebaseEmulator.builder()
        .endpoint("projects/ingest/branches/main/endpoints/primary")
        .start();
  }

  @AfterAll
  static void stopLakebase() {
    emulator.close();
  }

  @Test
  void everyRowAcknowledgedWith200SurvivesAKillAndTheInterruptedImportIsFailed()
      throws Exception {
    Db db = new Db(emulator.adminDataSource());
    String device = IngestAppTestSupport.device();
    List<UUID> acknowledged = Collections.synchronizedList(new ArrayList<>());
    String importTask;

    try (AppProcess app = AppProcess.start(emulator, LOGS.resolve("run-1.log"),
        "--ingest.writer.flush-interval=20ms")) {
      Api api = app.api();
      // An import held before its commit (a SHARE lock on its table stops the INSERT).
      Path csv = dir.resolve("events.csv");
      try (BufferedWriter out = Files.newBufferedWriter(csv)) {
        out.write(CsvImportTest.HEADER);
        for (int i = 0; i < 5000; i++) {
          out.write(device + ",reading," + i % 100 + ",v1,,2024-05-01T12:00:00Z\n");
        }
      }
      try (Connection lock = emulator.adminDataSource().getConnection()) {
        lock.setAutoCommit(false);
        try (Statement statement = lock.createStatement()) {
          statement.execute("LOCK TABLE ingest.device_events IN SHARE MODE");
        }
        importTask = api.postFile("/import/device_events", "text/csv", csv).json().get("id")
            .asString();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          JsonNode task = api.get("/tasks/" + importTask).json();
          return task.get("state").asString().equals("RUNNING")
              && task.get("rowsRead").asLong() == 5000;
        });

        // Clients posting with wait_for_ack=true until the kill.
        AtomicBoolean posting = new AtomicBoolean(true);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        for (int client = 0; client < 4; client++) {
          clients.execute(() -> {
            while (posting.get()) {
              List<UUID> ids = new ArrayList<>();
              try {
                if (api.post("/ingest/sensor_readings?wait_for_ack=true",
                    Records.readings(device, 10, ids)).status() == 200) {
                  acknowledged.addAll(ids);
                }
              } catch (RuntimeException e) {
                return; // the application is gone
              }
            }
          });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 500);

        app.kill();

        posting.set(false);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        lock.rollback();
      }
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(500);
    assertExactlyOnce(db, acknowledged);

    try (AppProcess app = AppProcess.start(emulator, LOGS.resolve("run-2.log"))) {
      Api api = app.api();
      assertExactlyOnce(db, acknowledged);
      JsonNode task = api.get("/tasks/" + importTask).json();
      assertThat(task.get("state").asString()).isEqualTo("FAILED");
      assertThat(task.get("error").asString()).contains("stopped during the import");
      assertThat(db.count("SELECT count(*) FROM ingest.device_events WHERE device = ?", device))
          .as("the killed import left nothing").isZero();
      assertThat(api.post("/ingest/sensor_readings?wait_for_ack=true",
          Records.readings(device, 3)).status()).isEqualTo(200);
    }
    String logs = Files.readString(LOGS.resolve("run-1.log"))
        + Files.readString(LOGS.resolve("run-2.log"));
    assertThat(logs).doesNotContain(emulator.patFor(emulator.defaultUser()));
    assertThat(emulator.counters().mintedTokens()).isNotEmpty()
        .allSatisfy(token -> assertThat(logs).doesNotContain(token));
  }

  private static void assertExactlyOnce(Db db, List<UUID> acknowledged) {
    Map<UUID, Long> rows = db.rowsPerIngestId("ingest.sensor_readings", acknowledged);
    assertThat(rows).containsOnlyKeys(acknowledged).allSatisfy((id, n) -> assertThat(n).isOne());
  }
}
