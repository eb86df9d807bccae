package dev.lakebase.examples.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The conversions that keep refused values out of a batch (pure logic). */
class ColumnTypeTest {

  private static Column column(ColumnType type, String declared) {
    return new Column("c", type, declared, true, null, null, null, null);
  }

  private static String json(ColumnType type, String value) {
    JsonNode node = JsonRecords.MAPPER.readTree(value);
    return type.fromJson(node, column(type, type.name()));
  }

  @Test
  void integersAreCheckedAgainstTheirRange() {
    assertThat(json(ColumnType.SMALLINT, "32767")).isEqualTo("32767");
    assertThatThrownBy(() -> json(ColumnType.SMALLINT, "32768"))
        .hasMessage("32768 is out of range [-32768, 32767]");
    assertThatThrownBy(() -> json(ColumnType.BIGINT, "9223372036854775808"))
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> json(ColumnType.INTEGER, "1.5"))
        .hasMessage("expected an integer, got a number");
    assertThat(ColumnType.INTEGER.fromText("-7", column(ColumnType.INTEGER, "integer")))
        .isEqualTo("-7");
  }

  @Test
  void floatsRefuseWhatPostgresqlWouldOverflowOrUnderflow() {
    assertThat(json(ColumnType.DOUBLE, "21.5")).isEqualTo("21.5");
    assertThat(json(ColumnType.REAL, "3.4e38")).isEqualTo("3.4E+38");
    assertThatThrownBy(() -> json(ColumnType.REAL, "3.5e38")).hasMessageContaining("range");
    assertThatThrownBy(() -> json(ColumnType.DOUBLE, "1e-400")).hasMessageContaining("range");
    assertThat(json(ColumnType.DOUBLE, "0")).isEqualTo("0");
  }

  @Test
  void numericKeepsEveryDigitAndChecksPrecision() {
    Column money = new Column("c", ColumnType.NUMERIC, "numeric(6,2)", true, null, null, 6, 2);
    assertThat(ColumnType.NUMERIC.fromJson(JsonRecords.MAPPER.readTree("9999.994"), money))
        .isEqualTo("9999.994");
    assertThatThrownBy(() -> ColumnType.NUMERIC.fromText("9999.995", money))
        .hasMessage("9999.995 does not fit numeric(6,2)");
    assertThat(json(ColumnType.NUMERIC, "0.1000000000000000000001"))
        .isEqualTo("0.1000000000000000000001");
  }

  @Test
  void textChecksLengthInCharactersAndRefusesNul() {
    Column code = new Column("c", ColumnType.TEXT, "character varying(3)", true, null, 3, null,
        null);
    assertThat(ColumnType.TEXT.fromText("äöü", code)).isEqualTo("äöü");
    assertThatThrownBy(() -> ColumnType.TEXT.fromText("abcd", code))
        .hasMessage("longer than 3 characters (character varying(3))");
    assertThatThrownBy(() -> json(ColumnType.TEXT, "\"a\\u0000b\""))
        .hasMessageContaining("\\u0000");
    assertThatThrownBy(() -> json(ColumnType.TEXT, "12")).hasMessage(
        "expected a string, got an integer");
  }

  @Test
  void temporalTypesNeedIsoTextAndTimestamptzAnOffset() {
    // The common shape passes through as it is (valid for PostgreSQL), others are normalised.
    assertThat(json(ColumnType.TIMESTAMPTZ, "\"2024-05-01T12:00:00+02:00\""))
        .isEqualTo("2024-05-01T12:00:00+02:00");
    assertThat(json(ColumnType.TIMESTAMPTZ, "\"2024-02-29T23:59:59.123456Z\""))
        .isEqualTo("2024-02-29T23:59:59.123456Z");
    assertThat(json(ColumnType.TIMESTAMPTZ, "\"2024-05-01T12:00+02:00\""))
        .isEqualTo("2024-05-01T12:00+02:00");
    for (String bad : new String[] {"2023-02-29T12:00:00Z", "2024-04-31T12:00:00Z",
        "2024-05-01T24:00:00Z", "2024-05-01T12:60:00Z", "2024-05-01T12:00:00+25:00",
        "2024-05-01T12:00:00Zx", "2024-13-01T12:00:00Z"}) {
      assertThatThrownBy(() -> json(ColumnType.TIMESTAMPTZ, "\"" + bad + "\"")).as(bad)
          .hasMessageContaining("ISO-8601");
    }
    assertThatThrownBy(() -> json(ColumnType.TIMESTAMP, "\"2024-05-01T12:00:00Z\""))
        .hasMessageContaining("ISO-8601");
    assertThatThrownBy(() -> json(ColumnType.TIMESTAMPTZ, "\"2024-05-01T12:00:00\""))
        .hasMessageContaining("with offset");
    assertThat(json(ColumnType.TIMESTAMP, "\"2024-05-01T12:00:00.5\""))
        .isEqualTo("2024-05-01T12:00:00.5");
    assertThat(json(ColumnType.DATE, "\"2024-02-29\"")).isEqualTo("2024-02-29");
    assertThatThrownBy(() -> json(ColumnType.DATE, "\"2023-02-29\""))
        .hasMessageContaining("ISO-8601 date");
  }

  @Test
  void otherTypes() {
    assertThat(json(ColumnType.BOOLEAN, "true")).isEqualTo("t");
    assertThat(ColumnType.BOOLEAN.fromText("F", null)).isEqualTo("f");
    assertThatThrownBy(() -> json(ColumnType.BOOLEAN, "\"yes\""))
        .hasMessage("expected true or false, got a string");
    assertThat(json(ColumnType.UUID, "\"123E4567-E89B-12D3-A456-426614174000\""))
        .isEqualTo("123e4567-e89b-12d3-a456-426614174000");
    assertThatThrownBy(() -> json(ColumnType.UUID, "\"1-2-3-4-5\""))
        .hasMessageContaining("expected a UUID");
    assertThat(json(ColumnType.JSON, "{\"a\": [1, 2.50]}")).isEqualTo("{\"a\":[1,2.50]}");
    assertThat(ColumnType.JSON.fromText("[true]", null)).isEqualTo("[true]");
    assertThatThrownBy(() -> ColumnType.JSON.fromText("{oops", null))
        .hasMessageStartingWith("expected a JSON document");
  }

  @Test
  void typeNamesOfTheCatalog() {
    assertThat(ColumnType.forTypeName("int4")).contains(ColumnType.INTEGER);
    assertThat(ColumnType.forTypeName("bpchar")).contains(ColumnType.TEXT);
    assertThat(ColumnType.forTypeName("_int4")).isEmpty();
    assertThat(ColumnType.supportedTypeNames()).startsWith("text, varchar, bpchar, int2");
  }
}
