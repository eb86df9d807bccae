package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.examples.ingest.IngestProperties.ImportSettings;
import dev.lakebase.examples.ingest.IngestProperties.TableSettings;
import dev.lakebase.examples.ingest.IngestProperties.WriterSettings;
import dev.lakebase.examples.ingest.table.TableCatalog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Table settings are checked before the database is asked anything. */
class TableSettingsTest {

  private static final WriterSettings WRITER =
      new WriterSettings(1000, Duration.ofMillis(100), 10000, Duration.ofMillis(50),
          Duration.ofSeconds(5));

  @Test
  void noTables() {
    assertThatThrownBy(() -> catalog(Map.of()))
        .isInstanceOf(IngestConfigException.class)
        .hasMessageContaining("no ingest table is configured")
        .extracting("property").isEqualTo("ingest.tables");
  }

  @Test
  void keyMustBeAPathSegment() {
    assertThatThrownBy(() -> catalog(Map.of("Sensor Readings", table("ingest.readings"))))
        .hasMessage("table key 'Sensor Readings' must be lower-case letters, digits, '_' and"
            + " '-' (it is a URL path segment)");
  }

  @Test
  void tableMustBeSchemaQualified() {
    assertThatThrownBy(() -> catalog(Map.of("readings", table("readings"))))
        .hasMessage("table of 'readings' is 'readings'; expected schema.table (lower-case,"
            + " unquoted identifiers)")
        .extracting("property").isEqualTo("ingest.tables.readings.table");
  }

  @Test
  void bufferMustHoldABatch() {
    assertThatThrownBy(() -> catalog(Map.of("readings", new TableSettings("ingest.readings",
        false, null, 500, null, 100))))
        .hasMessage("buffer capacity 100 must be at least the batch size 500")
        .extracting("property")
        .isEqualTo("ingest.tables.readings.buffer-capacity (or ingest.writer.buffer-capacity)");
  }

  private static TableSettings table(String target) {
    return new TableSettings(target, false, null, null, null, null);
  }

  private static void catalog(Map<String, TableSettings> tables) {
    new TableCatalog(new IngestProperties(tables, WRITER, Duration.ofSeconds(30),
        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5), new ImportSettings(2, null,
            DataSize.ofGigabytes(1), 10000, 100, Duration.ofMinutes(2))), null);
  }
}
