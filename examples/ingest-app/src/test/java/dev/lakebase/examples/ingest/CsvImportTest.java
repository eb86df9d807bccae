package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code POST /import/{table}} and {@code GET /tasks/{id}} over real HTTP. */
class CsvImportTest extends IngestAppTestSupport {

  static final String HEADER = "device,event_type,battery_pct,firmware,payload,occurred_at\n";

  @TempDir
  Path dir;

  @Test
  void aHundredThousandRowsImportInTheBackgroundWithProgressAllAtOnce() throws Exception {
    String device = device();
    Path file = dir.resolve("events.csv");
    try (BufferedWriter out = Files.newBufferedWriter(file)) {
      out.write(HEADER);
      for (int i = 0; i < 100_000; i++) {
        out.write(device + ",reading," + (i % 100) + ",\"v1.2, build " + i % 7 + "\","
            + "\"{\"\"seq\"\": " + i + "}\",2024-05-01T12:00:00Z\n");
      }
    }
    // Hold the import before its final INSERT: a SHARE lock on the target lets the COPY into
    // the staging table run but not the insert, so the task shows all rows read, none visible.
    try (Connection lock = emulator.adminDataSource().getConnection()) {
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("LOCK TABLE ingest.device_events IN SHARE MODE");
      }

      Api.Answer accepted = api.postFile("/import/device_events", "text/csv", file);

      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      String taskId = accepted.json().get("id").asString();
      assertThat(accepted.header("Location")).isEqualTo("/tasks/" + taskId);
      assertThat(accepted.json().get("state").asString()).isEqualTo("PENDING");
      assertThat(accepted.json().get("fileBytes").asLong()).isEqualTo(Files.size(file));

      List<Long> progress = new ArrayList<>();
      JsonNode held = awaitTask(taskId, task -> {
        progress.add(task.get("rowsRead").asLong());
        return task.get("rowsRead").asLong() == 100_000;
      });
      assertThat(held.get("state").asString()).isEqualTo("RUNNING");
      assertThat(held.get("rowsImported").asLong()).isZero();
      assertThat(progress).isSorted();
      assertThat(db.count("SELECT count(*) FROM ingest.device_events WHERE device = ?", device))
          .as("nothing visible before the single commit").isZero();
      lock.rollback();

      JsonNode done = awaitTask(taskId, task -> !task.get("state").asString().equals("RUNNING"));
      assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
      assertThat(done.get("rowsRead").asLong()).isEqualTo(100_000);
      assertThat(done.get("rowsImported").asLong()).isEqualTo(100_000);
      assertThat(done.get("finishedAt").isNull()).isFalse();
    }
    assertThat(db.count("SELECT count(*) FROM ingest.device_events WHERE device = ?", device))
        .isEqualTo(100_000);
    assertThat(db.count("SELECT count(*) FROM ingest.device_events WHERE device = ? AND"
        + " firmware = 'v1.2, build 3' AND (payload->>'seq')::int % 7 = 3", device))
        .as("quoted fields with commas and JSON").isEqualTo(100_000 / 7 + 1);
  }

  @Test
  void oneBadLineImportsNothingAndIsNamed() throws Exception {
    String device = device();
    Path file = dir.resolve("bad.csv");
    Files.writeString(file, HEADER
        + device + ",boot,90,\"multi\nline firmware\",,2024-05-01T12:00:00Z\n"      // lines 2-3
        + "\n"                                                                        // line 4
        + device + ",reading,80,v1,\"{\"\"a\"\": 1}\",2024-05-01T12:01:00Z\n"        // line 5
        + device + ",reading,eighty,v1,,2024-05-01T12:02:00Z\n"                      // line 6
        + device + ",reading,70,v1,,2024-05-01T12:03:00Z\n");                        // line 7

    JsonNode task = importAndWait(file);

    assertThat(task.get("state").asString()).isEqualTo("FAILED");
    assertThat(task.get("error").asString())
        .isEqualTo("1 bad line (first: line 6); nothing was imported");
    assertThat(task.get("badLineCount").asLong()).isOne();
    assertThat(task.get("rowsRead").asLong()).isEqualTo(4);
    JsonNode bad = task.get("badLines").get(0);
    assertThat(bad.get("line").asLong()).isEqualTo(6);
    assertThat(bad.get("column").asString()).isEqualTo("battery_pct");
    assertThat(bad.get("message").asString()).isEqualTo("expected an integer, got 'eighty'");
    assertThat(db.count("SELECT count(*) FROM ingest.device_events WHERE device = ?", device))
        .isZero();
  }

  @Test
  void everyBadLineIsCountedAndMalformedCsvStopsAtItsLine() throws Exception {
    Path file = dir.resolve("worse.csv");
    Files.writeString(file, HEADER
        + "d,reading,500,v1,,2024-05-01T12:00:00Z\n"              // 2: smallint? 500 fits
        + ",reading,1,v1,,2024-05-01T12:00:00Z\n"                 // 3: device empty (NOT NULL)
        + "d,reading,1,v1,{oops,2024-05-01\n"                     // 4: payload, occurred_at
        + "d,reading,1\n"                                         // 5: too few fields
        + "d,reading,1,\"v1\"x,,2024-05-01T12:00:00Z\n"           // 6: malformed quoting
        + "d,reading,1,v1,,2024-05-01T12:00:00Z\n");

    JsonNode task = importAndWait(file);

    assertThat(task.get("state").asString()).isEqualTo("FAILED");
    assertThat(task.get("badLineCount").asLong()).isEqualTo(4);
    List<String> bad = new ArrayList<>();
    task.get("badLines").forEach(line -> bad.add(line.get("line").asLong() + " "
        + (line.get("column").isNull() ? "-" : line.get("column").asString())));
    assertThat(bad).containsExactly("3 device", "4 payload", "4 occurred_at", "5 -", "6 -");
  }

  @Test
  void aBadHeaderFailsAtLineOne() throws Exception {
    Path file = dir.resolve("header.csv");
    Files.writeString(file, "device,colour,occurred_at\nd,red,2024-05-01T12:00:00Z\n");

    JsonNode task = importAndWait(file);

    assertThat(task.get("state").asString()).isEqualTo("FAILED");
    List<String> bad = new ArrayList<>();
    task.get("badLines").forEach(line -> bad.add(line.get("line").asLong() + " "
        + line.get("column").asString() + ": " + line.get("message").asString()));
    assertThat(bad).containsExactly(
        "1 colour: unknown column; the columns of ingest.device_events are [device, event_type,"
            + " battery_pct, firmware, payload, occurred_at]",
        "1 event_type: missing from the header (the column is NOT NULL and has no default)");
  }

  @Test
  void uploadErrors() {
    Api.Answer form = api.post("/import/device_events", "application/x-www-form-urlencoded",
        BodyPublishers.ofString(HEADER));
    assertThat(form.status()).isEqualTo(415);

    Api.Answer unknown = api.post("/import/nope", "text/csv", BodyPublishers.ofString(HEADER));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asString()).startsWith("unknown table 'nope'");

    assertThat(api.get("/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);
    assertThat(api.get("/tasks/not-a-uuid").status()).isEqualTo(400);
  }

  private JsonNode importAndWait(Path file) throws IOException {
    Api.Answer accepted = api.postFile("/import/device_events", "text/csv", file);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    return awaitTask(accepted.json().get("id").asString(),
        task -> task.get("state").asString().matches("SUCCEEDED|FAILED"));
  }

  private JsonNode awaitTask(String id, Predicate<JsonNode> condition) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      Api.Answer answer = api.get("/tasks/" + id);
      assertThat(answer.status()).isEqualTo(200);
      last[0] = answer.json();
      return condition.test(last[0]);
    });
    return last[0];
  }
}
