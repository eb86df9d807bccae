package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.imports.ImportTask.BadLine;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.StagedRow;
import java.io.Reader;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;

/**
 * Reads a CSV body (header line first) line by line into validated rows, for CSV imports and
 * bulk loads alike, and keeps the tally of bad lines: every one counted, the first few listed.
 */
final class CsvLines {

  /** Unquoted empty fields are NULL, quoted ones empty strings, as PostgreSQL's CSV COPY. */
  private static final ObjectReader CSV = CsvMapper.builder()
      .enable(CsvReadFeature.WRAP_AS_ARRAY)
      .enable(CsvReadFeature.EMPTY_UNQUOTED_STRING_AS_NULL)
      .build()
      .readerFor(String[].class);

  /** Receives each data line's row, or null when the line is bad. */
  @FunctionalInterface
  interface RowHandler {
    void row(StagedRow row) throws SQLException;
  }

  /** Bad lines: every one counted (once per line), the first {@code maxReported} listed. */
  static final class Tally {
    private final int maxReported;
    private final List<BadLine> listed = new ArrayList<>();
    private long count;
    private long lastLine = -1;

    Tally(int maxReported) {
      this.maxReported = maxReported;
    }

    void bad(BadLine problem) {
      if (problem.line() != lastLine) {
        count++;
        lastLine = problem.line();
      }
      if (listed.size() < maxReported) {
        listed.add(problem);
      }
    }

    long count() {
      return count;
    }

    List<BadLine> listed() {
      return listed;
    }
  }

  private CsvLines() {}

  /**
   * @param reader the CSV text
   * @param table the target
   * @param idSeed derives the {@code ingest_id} of lines without one (with the line number)
   * @param tally receives the bad lines
   * @param handler receives each data line (empty lines are skipped)
   * @throws SQLException as the handler throws it
   */
  static void read(Reader reader, IngestTable table, UUID idSeed, Tally tally, RowHandler handler)
      throws SQLException {
    try (MappingIterator<String[]> lines = CSV.readValues(reader)) {
      JsonParser parser = lines.parser();
      if (!lines.hasNextValue()) {
        tally.bad(new BadLine(1, null, "the file is empty; expected a header line with the column"
            + " names"));
        return;
      }
      CsvHeader header = CsvHeader.parse(table, idSeed, lines.nextValue(), tally::bad);
      if (header == null) {
        return;
      }
      // The parser's position after a record is the line where the next one starts.
      long line = parser.currentLocation().getLineNr();
      while (lines.hasNextValue()) {
        String[] fields = lines.nextValue();
        long start = line;
        line = parser.currentLocation().getLineNr();
        if (fields.length == 1 && fields[0] == null) {
          continue; // an empty line
        }
        handler.row(header.row(fields, start, tally::bad));
      }
    } catch (JacksonException e) {
      // Malformed CSV (an unclosed quote...): the lines after it cannot be read reliably.
      TokenStreamLocation at = e.getLocation();
      tally.bad(new BadLine(at == null ? 0 : at.getLineNr(), null, e.getOriginalMessage()));
    }
  }
}
