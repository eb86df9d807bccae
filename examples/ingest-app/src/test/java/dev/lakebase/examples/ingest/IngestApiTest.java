package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code POST /ingest}, {@code POST /flush} and {@code GET /health} over real HTTP. */
class IngestApiTest extends IngestAppTestSupport {

  @Test
  void waitForAckAnswers200OnlyOnceTheRowsAreCommitted() {
    String device = device();
    List<UUID> ids = new ArrayList<>();
    Api.Answer answer = api.post("/ingest/sensor_readings?wait_for_ack=true",
        Records.readings(device, 3, ids));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(answer.json().get("committed").asBoolean()).isTrue();
    assertThat(answer.ingestIds()).isEqualTo(ids);
    // No waiting: the answer came after the commit.
    assertThat(db.rowsPerIngestId("ingest.sensor_readings", ids))
        .containsOnlyKeys(ids).allSatisfy((id, rows) -> assertThat(rows).isOne());
  }

  @Test
  void singleObjectWithoutIngestIdGetsOne() {
    String device = device();
    Api.Answer answer = api.post("/ingest/sensor_readings?wait_for_ack=true",
        Records.reading(device, 19.25).toString());

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    UUID id = answer.ingestIds().get(0);
    Map<String, Object> row = db.jdbc().queryForMap("SELECT device, temperature, humidity,"
        + " recorded_at FROM ingest.sensor_readings WHERE ingest_id = ?", id);
    assertThat(row).containsEntry("device", device).containsEntry("temperature", 19.25)
        .containsEntry("humidity", 40.5f);
    assertThat(row.get("recorded_at")).as("the column default").isNotNull();
  }

  @Test
  void defaultModeAnswers202WhileTheRowsAreOnlyBufferedAndFlushCommitsThem() {
    String device = device();
    long acceptedBefore = status("sensor_slow").get("rowsAccepted").asLong();
    Api.Answer answer = api.post("/ingest/sensor_slow", Records.readings(device, 25));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(202);
    assertThat(answer.json().get("committed").asBoolean()).isFalse();
    // sensor_slow flushes every hour: the rows are in the buffer, not in the table.
    JsonNode status = status("sensor_slow");
    assertThat(status.get("rowsAccepted").asLong()).isEqualTo(acceptedBefore + 25);
    assertThat(status.get("bufferDepth").asInt()).isGreaterThanOrEqualTo(25);
    assertThat(db.readings(device)).isZero();

    Api.Answer flushed = api.post("/flush/sensor_slow", "");

    assertThat(flushed.status()).as(flushed.toString()).isEqualTo(200);
    assertThat(flushed.json().get("bufferDepth").asInt()).isZero();
    assertThat(flushed.json().get("lastFlushAt").isNull()).isFalse();
    assertThat(db.readings(device)).as("committed when the flush answered").isEqualTo(25);
  }

  @Test
  void defaultModeRowsLandAfterTheFlushInterval() {
    String device = device();
    assertThat(api.post("/ingest/sensor_readings", Records.readings(device, 40)).status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> db.readings(device) == 40);
  }

  @Test
  void invalidRecordsAre400NamingEachFieldAndNothingIsAccepted() {
    String device = device();
    String body = """
        [
          {"device": "%1$s", "temperature": 20.5},
          {"device": "%1$s", "temperature": "hot"},
          {"device": null, "temperature": 21},
          {"device": "%1$s", "temperature": 22, "colour": "red"},
          {"temperature": 23},
          {"device": "%1$s", "temperature": 1e400, "humidity": true},
          {"device": "%2$s", "temperature": 24, "recorded_at": "yesterday"},
          {"device": "%1$s", "temperature": 25, "ingest_id": "not-a-uuid"},
          42
        ]""".formatted(device, "x".repeat(65));

    Api.Answer answer = api.post("/ingest/sensor_readings?wait_for_ack=true", body);

    assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().get("detail").asString()).contains("nothing was accepted");
    assertThat(answer.json().get("errorCount").asInt()).isEqualTo(10);
    assertThat(errors(answer)).containsExactly(
        "1 temperature: expected a number, got a string",
        "2 device: must not be null (the column is NOT NULL and has no default)",
        "3 colour: unknown field; the columns of ingest.sensor_readings are [device,"
            + " temperature, humidity, description, recorded_at]",
        "4 device: missing (the column is NOT NULL and has no default)",
        "5 temperature: 1E+400 is out of range for the column's type",
        "5 humidity: expected a number, got a boolean",
        "6 device: longer than 64 characters (character varying(64))",
        "6 recorded_at: expected an ISO-8601 timestamp with offset such as"
            + " 2024-05-01T12:00:00Z, got 'yesterday'",
        "7 ingest_id: expected a UUID such as 123e4567-e89b-12d3-a456-426614174000, got"
            + " 'not-a-uuid'",
        "8 null: expected a JSON object with the columns of ingest.sensor_readings");
    assertThat(db.readings(device)).as("all or nothing: the valid record 0 is not in").isZero();
  }

  @Test
  void malformedJsonIs400WithItsPosition() {
    Api.Answer answer = api.post("/ingest/sensor_readings", "[{\"device\": \"a\",\n  oops}]");

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().get("detail").asString()).startsWith("malformed JSON at line 2,");

    Api.Answer empty = api.post("/ingest/sensor_readings", "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("detail").asString()).contains("the body is empty");

    Api.Answer duplicate = api.post("/ingest/sensor_readings",
        "{\"device\": \"a\", \"temperature\": 1, \"temperature\": 2}");
    assertThat(duplicate.status()).isEqualTo(400);
    assertThat(duplicate.json().get("detail").asString()).contains("Duplicate");

    Api.Answer none = api.post("/ingest/sensor_readings", "[]");
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.json().get("errors").get(0).get("message").asString())
        .isEqualTo("the array holds no records");
  }

  @Test
  void unknownTableIs404ListingTheTables() {
    Api.Answer answer = api.post("/ingest/no_such_table", Records.readings(device(), 1));

    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json().get("detail").asString())
        .startsWith("unknown table 'no_such_table'; the configured tables are [")
        .contains("sensor_readings", "device_events", "sensor_slow", "sensor_small", "created");
    assertThat(api.post("/flush/no_such_table", "").status()).isEqualTo(404);
    assertThat(api.get("/health/no_such_table").status()).isEqualTo(404);
  }

  @Test
  void moreRecordsThanTheBufferHoldsIs413() {
    Api.Answer answer = api.post("/ingest/sensor_small", Records.readings(device(), 21));

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.json().get("detail").asString()).contains("more than 20 records");
  }

  @Test
  void resentIngestIdsAreNotInsertedTwice() {
    String device = device();
    List<UUID> ids = new ArrayList<>();
    String body = Records.readings(device, 5, ids);
    long duplicatesBefore = status("sensor_readings").get("rowsDuplicate").asLong();

    assertThat(api.post("/ingest/sensor_readings?wait_for_ack=true", body).status())
        .isEqualTo(200);
    assertThat(api.post("/ingest/sensor_readings?wait_for_ack=true", body).status())
        .isEqualTo(200);

    assertThat(db.readings(device)).isEqualTo(5);
    assertThat(status("sensor_readings").get("rowsDuplicate").asLong())
        .isEqualTo(duplicatesBefore + 5);
  }

  @Test
  void aRowTheDatabaseRefusesIsIsolatedAndTheOthersAreWritten() {
    // humidity has a CHECK (0..100) that the validator does not know: PostgreSQL refuses it.
    String device = device();
    List<UUID> ids = new ArrayList<>();
    JsonNode records = Api.JSON.readTree(Records.readings(device, 6, ids));
    ((tools.jackson.databind.node.ObjectNode) records.get(4)).put("humidity", 150);
    long rejectedBefore = status("sensor_readings").get("rowsRejected").asLong();

    Api.Answer answer = api.post("/ingest/sensor_readings?wait_for_ack=true",
        records.toString());

    assertThat(answer.status()).as(answer.toString()).isEqualTo(422);
    assertThat(answer.json().get("detail").asString()).contains("row " + ids.get(4))
        .contains("sensor_readings_humidity_check");
    assertThat(db.rowsPerIngestId("ingest.sensor_readings", ids))
        .containsOnlyKeys(ids.get(0), ids.get(1), ids.get(2), ids.get(3), ids.get(5));
    JsonNode status = status("sensor_readings");
    assertThat(status.get("rowsRejected").asLong()).isEqualTo(rejectedBefore + 1);
    assertThat(status.get("lastError").get("message").asString())
        .contains("sensor_readings_humidity_check");
  }

  @Test
  void healthShowsEveryTableWithoutSecretsAndActuatorKeepsItsOwn() {
    String device = device();
    assertThat(api.post("/ingest/sensor_readings?wait_for_ack=true",
        Records.readings(device, 2)).status()).isEqualTo(200);

    Api.Answer health = api.get("/health");
    assertThat(health.status()).isEqualTo(200);
    JsonNode tables = health.json().get("tables");
    assertThat(tables.propertyNames()).containsExactlyInAnyOrder("sensor_readings", "device_events",
        "sensor_slow", "sensor_small", "created");
    JsonNode readings = tables.get("sensor_readings");
    assertThat(readings.get("target").asString()).isEqualTo("ingest.sensor_readings");
    assertThat(readings.get("rowsCommitted").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(readings.get("bufferCapacity").asInt()).isEqualTo(10000);
    assertThat(readings.get("lastFlushAt").asString()).isNotEmpty();
    assertThat(api.get("/health/sensor_readings").json().get("table").asString())
        .isEqualTo("sensor_readings");

    Api.Answer actuator = api.get("/actuator/health");
    assertThat(actuator.status()).isEqualTo(200);
    assertThat(actuator.json().get("status").asString()).isEqualTo("UP");
    for (String token : emulator.counters().mintedTokens()) {
      assertThat(health.body()).doesNotContain(token);
      assertThat(actuator.body()).doesNotContain(token);
    }
  }

  @Test
  void aTableCreatedFromItsColumnListTakesRecords() {
    String station = "st-" + UUID.randomUUID().toString().substring(0, 8);
    Api.Answer answer = api.post("/ingest/created?wait_for_ack=true", """
        [{"station": "%s", "level": 1234.567, "seen_on": "2024-05-01"},
         {"station": "%s", "level": null}]""".formatted(station, station));
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(db.count("SELECT count(*) FROM ingest_extra.created_readings WHERE station = ?",
        station)).isEqualTo(2);
    assertThat(db.count("SELECT count(*) FROM ingest_extra.created_readings WHERE station = ?"
        + " AND level = 1234.57", station)).as("numeric(6,2) rounds like PostgreSQL").isOne();

    Api.Answer invalid = api.post("/ingest/created", """
        {"station": "%s", "level": 12345.6, "seen_on": "May 1st"}""".formatted(station));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(errors(invalid)).containsExactly(
        "0 level: 12345.6 does not fit numeric(6,2)",
        "0 seen_on: expected an ISO-8601 date such as 2024-05-01, got 'May 1st'");
  }

  private JsonNode status(String table) {
    Api.Answer answer = api.get("/health/" + table);
    assertThat(answer.status()).isEqualTo(200);
    return answer.json();
  }

  private static List<String> errors(Api.Answer answer) {
    List<String> errors = new ArrayList<>();
    answer.json().get("errors").forEach(error -> errors.add(error.get("record").asInt() + " "
        + (error.get("field").isNull() ? "null" : error.get("field").asString()) + ": "
        + error.get("message").asString()));
    return errors;
  }
}
