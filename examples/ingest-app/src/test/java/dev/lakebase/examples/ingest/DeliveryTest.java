package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest.BodyPublishers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What a client sees over HTTP: wall-clock task times, counters that include imports, the
 * read-back endpoint, content types, bulk loads, group commit and smooth backpressure.
 */
class DeliveryTest extends IngestAppTestSupport {

  private static final String EVENTS_HEADER =
      "device,event_type,battery_pct,firmware,payload,occurred_at\n";

  private JsonNode status(String table) {
    return api.get("/health/" + table).json();
  }

  @Test
  void taskTimesAreTheWallClockAndHealthCountsImports() throws Exception {
    String device = device();
    StringBuilder csv = new StringBuilder(EVENTS_HEADER);
    for (int i = 0; i < 500; i++) {
      csv.append(device).append(",reading,50,v1,,2024-05-01T12:00:00Z\n");
    }
    long importedBefore = status("device_events").get("rowsImported").asLong();
    long committedBefore = status("device_events").get("rowsCommitted").asLong();
    Instant released;
    String id;
    // Hold the import's final INSERT on a lock: its transaction starts before the release.
    try (Connection lock = emulator.adminDataSource().getConnection();
        Statement st = lock.createStatement()) {
      lock.setAutoCommit(false);
      st.execute("LOCK TABLE ingest.device_events IN SHARE MODE");
      Api.Answer accepted = api.post("/import/device_events", "text/csv",
          BodyPublishers.ofString(csv.toString()));
      assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
      id = accepted.json().get("id").asString();
      await().atMost(Duration.ofSeconds(60)).until(() ->
          api.get("/tasks/" + id).json().get("rowsRead").asLong() == 500);
      // Release only once the import's transaction is blocked on the lock, so that its start
      // (what now() would give) is provably before the release.
      await().atMost(Duration.ofSeconds(60)).until(() -> importWaitsOnLock());
      released = Instant.now();
      lock.commit();
    }
    JsonNode task = awaitTask(id);
    assertThat(task.get("state").asString()).isEqualTo("SUCCEEDED");
    Instant started = Instant.parse(task.get("startedAt").asString());
    Instant finished = Instant.parse(task.get("finishedAt").asString());
    assertThat(finished).as("finished after the lock was released, not at the transaction's start")
        .isAfterOrEqualTo(released);
    assertThat(started).as("started before the lock was released").isBefore(released);

    assertThat(status("device_events").get("rowsImported").asLong() - importedBefore).isEqualTo(500);
    assertThat(status("device_events").get("rowsCommitted").asLong() - committedBefore)
        .isGreaterThanOrEqualTo(500);
  }

  private boolean importWaitsOnLock() throws SQLException {
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'")) {
      rs.next();
      return rs.getLong(1) > 0;
    }
  }

  private JsonNode awaitTask(String id) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
      last[0] = api.get("/tasks/" + id).json();
      return last[0].get("state").asString().matches("SUCCEEDED|FAILED");
    });
    return last[0];
  }

  @Test
  void rowsCanBeCountedAndReadBackByIngestId() {
    String device = device();
    List<UUID> ids = new ArrayList<>();
    assertThat(api.post("/ingest/sensor_readings?wait_for_ack=true", Records.readings(device, 3, ids))
        .status()).isEqualTo(200);
    String filter = "ingest_id=" + ids.get(0) + "&ingest_id=" + ids.get(1) + "&ingest_id=" + ids.get(2);

    JsonNode all = api.get("/rows/sensor_readings?" + filter).json();
    assertThat(all.get("count").asLong()).isEqualTo(3);
    assertThat(all.get("rows")).hasSize(3);
    assertThat(all.get("rows").get(0).get("device").asString()).isEqualTo(device);
    assertThat(all.get("next").isNull()).isTrue();

    JsonNode first = api.get("/rows/sensor_readings?limit=2&" + filter).json();
    assertThat(first.get("count").asLong()).isEqualTo(3);
    assertThat(first.get("rows")).hasSize(2);
    JsonNode rest = api.get("/rows/sensor_readings?limit=2&after=" + first.get("next").asString()
        + "&" + filter).json();
    assertThat(rest.get("rows")).hasSize(1);
    assertThat(rest.get("next").isNull()).isTrue();

    assertThat(api.get("/rows/sensor_readings?ingest_id=" + UUID.randomUUID()).json()
        .get("count").asLong()).isZero();
    Api.Answer tooMany = api.get("/rows/sensor_readings?limit=5000");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().get("detail").asString()).contains("limit must be 0 to 1000");
    assertThat(api.get("/rows/nope").status()).isEqualTo(404);
  }

  @Test
  void aWrongContentTypeIs415AndAFormBodyIsNamed() {
    String json = Records.readings(device(), 1);
    Api.Answer text = api.post("/ingest/sensor_readings", "text/plain", BodyPublishers.ofString(json));
    assertThat(text.status()).as(text.toString()).isEqualTo(415);
    assertThat(text.header("Content-Type")).startsWith("application/problem+json");
    assertThat(text.json().get("detail").asString()).contains("text/plain").contains("application/json");

    Api.Answer form = api.post("/ingest/sensor_readings", "application/x-www-form-urlencoded",
        BodyPublishers.ofString("device=a&temperature=1"));
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.json().get("detail").asString()).contains("HTML form")
        .contains("-H 'Content-Type: application/json'").doesNotContain("empty");

    Api.Answer bulk = api.post("/ingest/sensor_readings/bulk", "application/json",
        BodyPublishers.ofString(json));
    assertThat(bulk.status()).isEqualTo(415);
    assertThat(bulk.json().get("detail").asString()).contains("application/x-ndjson").contains("text/csv");
  }

  @Test
  void aBulkBodyIsCommittedWholeAndAResendWithTheSameBatchAddsNothing() {
    String device = device();
    StringBuilder ndjson = new StringBuilder();
    for (int i = 0; i < 2000; i++) {
      ndjson.append(Records.reading(device, i % 30)).append('\n');
    }
    UUID batch = UUID.randomUUID();
    long importedBefore = status("sensor_readings").get("rowsImported").asLong();
    Api.Answer first = api.post("/ingest/sensor_readings/bulk?batch_id=" + batch,
        "application/x-ndjson", BodyPublishers.ofString(ndjson.toString()));
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(first.json().get("inserted").asLong()).isEqualTo(2000);
    assertThat(first.json().get("committed").asBoolean()).isTrue();
    assertThat(db.readings(device)).as("committed before the answer").isEqualTo(2000);

    Api.Answer again = api.post("/ingest/sensor_readings/bulk?batch_id=" + batch,
        "application/x-ndjson", BodyPublishers.ofString(ndjson.toString()));
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("inserted").asLong()).isZero();
    assertThat(again.json().get("duplicates").asLong()).isEqualTo(2000);
    assertThat(db.readings(device)).isEqualTo(2000);
    assertThat(status("sensor_readings").get("rowsImported").asLong() - importedBefore).isEqualTo(2000);

    String csv = "device,temperature\n" + device + ",1.5\n" + device + ",2.5\n";
    Api.Answer fromCsv = api.post("/ingest/sensor_readings/bulk", "text/csv", BodyPublishers.ofString(csv));
    assertThat(fromCsv.json().get("inserted").asLong()).isEqualTo(2);
    assertThat(db.readings(device)).isEqualTo(2002);
  }

  @Test
  void aBulkBodyOverlappingCommittedRowsFallsBackToTheIdempotentPathAndAddsOnlyTheNewOnes() {
    // The first body takes the optimistic COPY straight into the table; the second repeats half
    // of its ids, so that COPY hits the unique key, rolls back and is replayed through staging.
    String device = device();
    List<UUID> ids = new ArrayList<>();
    StringBuilder first = new StringBuilder();
    StringBuilder second = new StringBuilder();
    for (int i = 0; i < 400; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      String line = Records.reading(device, i % 30).put("ingest_id", id.toString()) + "\n";
      if (i < 200) {
        first.append(line);
      }
      if (i >= 100) {
        second.append(line);
      }
    }
    Api.Answer one = api.post("/ingest/sensor_readings/bulk", "application/x-ndjson",
        BodyPublishers.ofString(first.toString()));
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().get("inserted").asLong()).isEqualTo(200);

    Api.Answer two = api.post("/ingest/sensor_readings/bulk", "application/x-ndjson",
        BodyPublishers.ofString(second.toString()));
    assertThat(two.status()).as(two.toString()).isEqualTo(200);
    assertThat(two.json().get("inserted").asLong()).isEqualTo(200);
    assertThat(two.json().get("duplicates").asLong()).isEqualTo(100);
    assertThat(db.readings(device)).isEqualTo(400);
    assertThat(db.rowsPerIngestId("ingest.sensor_readings", ids).values()).hasSize(400)
        .allMatch(count -> count == 1);
    // Rows without recorded_at got the column's default on both paths.
    assertThat(db.count("SELECT count(*) FROM ingest.sensor_readings WHERE device = ?"
        + " AND recorded_at IS NULL", device)).isZero();
  }

  /**
   * Values quoted only where CSV needs it must still arrive unchanged: the COPY default marker,
   * NULL markers, delimiters, quotes, line breaks and backslashes in text; an empty string is not
   * NULL; JSON null is.
   */
  @Test
  void awkwardTextArrivesUnchangedThroughTheBulkAndBatchPaths() {
    List<String> texts = List.of("\\D", "\\N", "NULL", "", " padded ", "a,b", "say \"hi\"",
        "line1\nline2", "cr\rlf", "back\\slash", "\\", "\"", "ünïcødé ✓", "\\.");
    for (String path : List.of("/ingest/sensor_readings/bulk", "/ingest/sensor_readings?wait_for_ack=true")) {
      boolean bulk = path.endsWith("/bulk");
      String device = device();
      Map<UUID, String> sent = new java.util.LinkedHashMap<>();
      StringBuilder ndjson = new StringBuilder();
      tools.jackson.databind.node.ArrayNode array = Api.JSON.createArrayNode();
      for (int i = 0; i <= texts.size(); i++) {
        UUID id = UUID.randomUUID();
        tools.jackson.databind.node.ObjectNode record = Records.reading(device, 20).put("ingest_id", id.toString());
        if (i < texts.size()) {
          record.put("description", texts.get(i));
        } else {
          record.putNull("description");
        }
        sent.put(id, i < texts.size() ? texts.get(i) : null);
        ndjson.append(record).append('\n');
        array.add(record);
      }
      Api.Answer answer = bulk
          ? api.post(path, "application/x-ndjson", BodyPublishers.ofString(ndjson.toString()))
          : api.post(path, array.toString());
      assertThat(answer.status()).as(answer.toString()).isEqualTo(200);

      Map<UUID, String> stored = new java.util.HashMap<>();
      db.jdbc().query("SELECT ingest_id, description FROM ingest.sensor_readings WHERE device = ?",
          row -> {
            stored.put(row.getObject(1, UUID.class), row.getString(2));
          }, device);
      assertThat(stored).as(path).containsExactlyInAnyOrderEntriesOf(sent);
    }
  }

  @Test
  void aBulkBodyWithABadLineCommitsNothingAndNamesTheLine() {
    String device = device();
    String body = Records.reading(device, 1) + "\n" + Records.reading(device, 2) + "\n"
        + "{\"device\": \"" + device + "\", \"temperature\": \"warm\"}\n";
    Api.Answer answer = api.post("/ingest/sensor_readings/bulk", "application/x-ndjson",
        BodyPublishers.ofString(body));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    JsonNode bad = answer.json().get("badLines").get(0);
    assertThat(bad.get("line").asLong()).isEqualTo(3);
    assertThat(bad.get("column").asString()).isEqualTo("temperature");
    assertThat(db.readings(device)).isZero();
  }

  @Test
  void anAcknowledgedRecordIsFlushedAtOnceAndConcurrentOnesShareCommits() throws Exception {
    // sensor_slow flushes every hour: an acknowledged request must not wait for that.
    String device = device();
    long batchesBefore = status("sensor_slow").get("batchesCommitted").asLong();
    Api.Answer one = api.post("/ingest/sensor_slow?wait_for_ack=true", Records.readings(device, 1));
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(status("sensor_slow").get("batchesCommitted").asLong() - batchesBefore).isOne();

    int clients = 8;
    int perClient = 25;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(pool.submit(() -> {
          int acked = 0;
          for (int i = 0; i < perClient; i++) {
            acked += api.post("/ingest/sensor_slow?wait_for_ack=true", Records.readings(device, 1))
                .status() == 200 ? 1 : 0;
          }
          return acked;
        }));
      }
      int acks = 0;
      for (Future<Integer> f : done) {
        acks += f.get();
      }
      assertThat(acks).isEqualTo(clients * perClient);
      long flushes = status("sensor_slow").get("batchesCommitted").asLong() - batchesBefore - 1;
      // Never more than one commit per acknowledged request (each is flushed at once when the
      // writer is idle, and shares the next commit when it is busy).
      assertThat(flushes).isBetween(1L, (long) acks);
      assertThat(db.readings(device)).isEqualTo(1 + acks);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void overfillingClientsAreSlowedDownNotRefused() throws Exception {
    // sensor_small holds 20 rows and writes 10 per batch: 8 clients sending 5 rows at a time,
    // fire-and-forget, overfill it constantly.
    String device = device();
    long delayedBefore = status("sensor_small").get("requestsDelayed").asLong();
    int clients = 8;
    int requests = 15;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<UUID> ids = java.util.Collections.synchronizedList(new ArrayList<>());
    try {
      List<Future<List<Integer>>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        done.add(pool.submit(() -> {
          List<Integer> statuses = new ArrayList<>();
          for (int i = 0; i < requests; i++) {
            statuses.add(api.post("/ingest/sensor_small", Records.readings(device, 5, ids)).status());
          }
          return statuses;
        }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<List<Integer>> f : done) {
        statuses.addAll(f.get());
      }
      assertThat(statuses).as("no 429 storm: every request waited for room").containsOnly(202);
    } finally {
      pool.shutdownNow();
    }
    JsonNode status = status("sensor_small");
    assertThat(status.get("bufferHighWater").asInt()).as("the bound holds").isLessThanOrEqualTo(20);
    assertThat(status.get("requestsDelayed").asLong() - delayedBefore).isPositive();
    await().atMost(Duration.ofSeconds(60)).until(() -> db.readings(device) == clients * requests * 5);
    assertThat(db.rowsPerIngestId("ingest.sensor_readings", ids)).hasSize(ids.size());
  }
}
