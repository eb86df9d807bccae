package dev.lakebase.examples.ingest.imports;

import dev.lakebase.examples.ingest.imports.ImportTask.BadLine;
import dev.lakebase.examples.ingest.table.Column;
import dev.lakebase.examples.ingest.table.IngestTable;
import dev.lakebase.examples.ingest.table.InvalidValueException;
import dev.lakebase.examples.ingest.table.StagedRow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The header line of an import file: which field of a line goes to which column. Names the
 * columns of the table (any order, optional ones may be left out) and optionally {@code
 * ingest_id}; a line's idempotency key is otherwise derived from the task id and the line
 * number, so a retried import inserts the same keys.
 */
final class CsvHeader {

  private final IngestTable table;
  private final DerivedIds derivedIds;
  /** Column position in the table per field of a line; -1 for the ingest_id field. */
  private final int[] positions;
  private final int ingestIdField;

  private CsvHeader(IngestTable table, UUID taskId, int[] positions, int ingestIdField) {
    this.table = table;
    this.derivedIds = new DerivedIds(taskId);
    this.positions = positions;
    this.ingestIdField = ingestIdField;
  }

  /**
   * @param names the fields of the header line
   * @param problems receives what is wrong with the header
   * @return the header, or null when it is unusable
   */
  static CsvHeader parse(IngestTable table, UUID taskId, String[] names,
      Consumer<BadLine> problems) {
    int[] positions = new int[names.length];
    int ingestIdField = -1;
    Set<String> seen = new HashSet<>();
    boolean valid = true;
    for (int i = 0; i < names.length; i++) {
      String name = names[i] == null ? "" : names[i].trim();
      positions[i] = table.position(name);
      if (!seen.add(name)) {
        problems.accept(new BadLine(1, name, "column named twice in the header"));
        valid = false;
      } else if (name.equals(IngestTable.INGEST_ID)) {
        ingestIdField = i;
      } else if (positions[i] < 0) {
        problems.accept(new BadLine(1, name, "unknown column; the columns of "
            + table.qualifiedName() + " are " + table.columnNames()));
        valid = false;
      }
    }
    for (Column column : table.columns()) {
      if (column.required() && !seen.contains(column.name())) {
        problems.accept(new BadLine(1, column.name(), "missing from the header (the column is"
            + " NOT NULL and has no default)"));
        valid = false;
      }
    }
    return valid ? new CsvHeader(table, taskId, positions, ingestIdField) : null;
  }

  /**
   * @param fields the fields of a data line
   * @param line its line number
   * @param problems receives what is wrong with the line
   * @return the row, or null when the line is bad
   */
  StagedRow row(String[] fields, long line, Consumer<BadLine> problems) {
    if (fields.length != positions.length) {
      problems.accept(new BadLine(line, null, "expected " + positions.length + " fields like the"
          + " header, found " + fields.length));
      return null;
    }
    String[] byColumn = new String[table.columns().size()];
    for (int i = 0; i < fields.length; i++) {
      if (i != ingestIdField) {
        byColumn[positions[i]] = fields[i];
      }
    }
    UUID ingestId = ingestId(fields, line, problems);
    List<BadLine> lineProblems = new ArrayList<>();
    StagedRow row = table.fromText(byColumn, ingestId,
        (column, message) -> lineProblems.add(new BadLine(line, column, message)));
    lineProblems.forEach(problems);
    return ingestId == null ? null : row;
  }

  private UUID ingestId(String[] fields, long line, Consumer<BadLine> problems) {
    if (ingestIdField >= 0 && fields[ingestIdField] != null) {
      try {
        return IngestTable.parseIngestId(fields[ingestIdField]);
      } catch (InvalidValueException e) {
        problems.accept(new BadLine(line, IngestTable.INGEST_ID, e.getMessage()));
        return null;
      }
    }
    return derivedIds.line(line);
  }
}
