package dev.lakebase.examples.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The streamed record reader of bulk bodies gives the same rows and the same problems as the
 * tree reader of the batch endpoint, for every kind of value (pure logic).
 */
class StreamedRecordTest {

  private static final UUID ABSENT = UUID.fromString("00000000-0000-0000-0000-00000000000a");

  private final IngestTable table = new IngestTable("t", "s", "t", List.of(
      new Column("device", ColumnType.TEXT, "varchar(8)", false, null, 8, null, null),
      new Column("temperature", ColumnType.DOUBLE, "double precision", false, null, null, null, null),
      new Column("humidity", ColumnType.REAL, "real", true, null, null, null, null),
      new Column("price", ColumnType.NUMERIC, "numeric(10,2)", true, null, null, 10, 2),
      new Column("count", ColumnType.BIGINT, "bigint", true, null, null, null, null),
      new Column("ok", ColumnType.BOOLEAN, "boolean", true, null, null, null, null),
      new Column("payload", ColumnType.JSON, "jsonb", true, null, null, null, null),
      new Column("at", ColumnType.TIMESTAMPTZ, "timestamptz", false, "now()", null, null, null)),
      new BatchSettings(100, Duration.ofMillis(100), 1000));

  private static final List<String> RECORDS = List.of(
      "{\"device\":\"d1\",\"temperature\":21.5}",
      "{\"device\":\"d1\",\"temperature\":21,\"humidity\":40.50,\"price\":\"1.50\",\"count\":9223372036854775807}",
      "{\"device\":\"d1\",\"temperature\":1e400}",
      "{\"device\":\"d1\",\"temperature\":-0.0,\"price\":1.505,\"count\":92233720368547758070}",
      "{\"device\":\"toolongdevice\",\"temperature\":\"warm\",\"ok\":\"yes\"}",
      "{\"temperature\":null,\"humidity\":null}",
      "{\"device\":\"d1\",\"temperature\":2,\"payload\":{\"a\":[1,2,{\"b\":null}]},\"ok\":true}",
      "{\"device\":\"d1\",\"temperature\":2,\"payload\":[1,\"x\"],\"ok\":false,\"at\":\"2026-11-23T15:00:00Z\"}",
      "{\"device\":\"d1\",\"temperature\":2,\"payload\":\"text\",\"count\":1.0}",
      "{\"device\":[\"d\"],\"temperature\":{\"v\":1},\"nope\":1}",
      "{\"device\":\"d1\",\"temperature\":3,\"ingest_id\":\"8f14e45f-ceea-467a-9c2e-2b4a0f6e0c11\"}",
      "{\"device\":\"d1\",\"temperature\":3,\"ingest_id\":null}",
      "{\"device\":\"d1\",\"temperature\":3,\"ingest_id\":\"not-a-uuid\"}",
      "{\"device\":\"d1\",\"temperature\":3,\"at\":\"yesterday\",\"humidity\":101}",
      "{}");

  @Test
  void streamedRecordsGiveTheTreeReadersRowsAndProblems() {
    for (String json : RECORDS) {
      List<String> treeProblems = new ArrayList<>();
      StagedRow tree = table.fromJson(JsonRecords.MAPPER.readTree(json),
          (field, message) -> treeProblems.add(field + ": " + message));

      List<String> streamProblems = new ArrayList<>();
      StagedRow streamed;
      try (JsonParser parser = JsonRecords.MAPPER.createParser(json)) {
        assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        streamed = table.fromJson(parser, () -> ABSENT,
            (field, message) -> streamProblems.add(field + ": " + message));
        assertThat(parser.currentToken()).as(json).isEqualTo(JsonToken.END_OBJECT);
        assertThat(parser.nextToken()).as(json).isNull();
      }

      assertThat(streamProblems).as(json).isEqualTo(treeProblems);
      assertThat(streamed == null).as(json).isEqualTo(tree == null);
      if (tree != null) {
        assertThat(Arrays.asList(streamed.values())).as(json)
            .isEqualTo(Arrays.asList(tree.values()));
        if (json.contains("ingest_id\":\"")) {
          assertThat(streamed.ingestId()).isEqualTo(tree.ingestId());
        } else {
          assertThat(streamed.ingestId()).as("the supplier's id when absent or null")
              .isEqualTo(ABSENT);
        }
      }
    }
  }

  @Test
  void theRecordsCoverValidAndRefusedRows() {
    long valid = RECORDS.stream().filter(json -> table.fromJson(JsonRecords.MAPPER.readTree(json),
        (field, message) -> { }) != null).count();
    assertThat(valid).isBetween(4L, (long) RECORDS.size() - 4);
  }
}
