package dev.lakebase.examples.ingest.table;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A configured ingest table: its key, its target, its writable columns (read from the catalog at
 * startup) and its batching. Turns posted records and CSV lines into {@link StagedRow}s,
 * reporting every problem per field.
 */
public final class IngestTable {

  /** The idempotency key column every ingest table has ({@code uuid}, unique). */
  public static final String INGEST_ID = "ingest_id";

  private static final JsonNodeFactory NODES =
      JsonRecords.MAPPER.deserializationConfig().getNodeFactory();

  private final String key;
  private final String schema;
  private final String name;
  private final List<Column> columns;
  private final Map<String, Integer> positions = new HashMap<>();
  private final BatchSettings batch;

  IngestTable(String key, String schema, String name, List<Column> columns, BatchSettings batch) {
    this.key = key;
    this.schema = schema;
    this.name = name;
    this.columns = List.copyOf(columns);
    for (int i = 0; i < columns.size(); i++) {
      positions.put(columns.get(i).name(), i);
    }
    this.batch = batch;
  }

  /**
   * @return the key of the table in the URLs and the configuration
   */
  public String key() {
    return key;
  }

  /**
   * @return {@code schema.table}
   */
  public String qualifiedName() {
    return schema + "." + name;
  }

  /**
   * @return {@code "schema"."table"}, for SQL
   */
  public String quotedName() {
    return quote(schema) + "." + quote(name);
  }

  /**
   * @return the writable columns except {@code ingest_id}, in table order
   */
  public List<Column> columns() {
    return columns;
  }

  /**
   * @param column a column name
   * @return its position in {@link #columns()}, or -1 when the table has no such writable column
   */
  public int position(String column) {
    return positions.getOrDefault(column, -1);
  }

  /**
   * @return the table's batching
   */
  public BatchSettings batch() {
    return batch;
  }

  /**
   * Validates and converts one posted JSON record. An {@code ingest_id} field, when present, is
   * the row's idempotency key (a client that resends with the same keys never duplicates rows);
   * otherwise a random one is assigned.
   *
   * @param record the JSON value
   * @param errors receives (field, message) for each problem; field is null for the record
   * @return the row, or null when at least one problem was reported
   */
  public StagedRow fromJson(JsonNode record, BiConsumer<String, String> errors) {
    if (!record.isObject()) {
      errors.accept(null, "expected a JSON object with the columns of " + qualifiedName());
      return null;
    }
    RowBuilder row = new RowBuilder(errors);
    for (Map.Entry<String, JsonNode> field : record.properties()) {
      row.field(field.getKey(), field.getValue());
    }
    return row.finish(UUID::randomUUID);
  }

  /**
   * Validates and converts one JSON record read from a stream, as {@link #fromJson(JsonNode,
   * BiConsumer)} does, without building the record's tree: for bulk bodies, where the tree per
   * record was the largest cost of the parse. Scalar values become single nodes; only an object
   * or array value (an error, or a {@code json} column) is read as a tree.
   *
   * @param parser positioned on the record's {@code START_OBJECT}; left on its {@code END_OBJECT}
   * @param idWhenAbsent the {@code ingest_id} of a record without one (or with null)
   * @param errors receives (field, message) for each problem
   * @return the row, or null when at least one problem was reported
   * @throws JacksonException when the JSON is malformed (or repeats a field)
   */
  public StagedRow fromJson(JsonParser parser, Supplier<UUID> idWhenAbsent,
      BiConsumer<String, String> errors) {
    RowBuilder row = new RowBuilder(errors);
    while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
      String field = parser.currentName();
      row.field(field, value(parser, parser.nextToken()));
    }
    return row.finish(idWhenAbsent);
  }

  private static JsonNode value(JsonParser parser, JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> NODES.stringNode(parser.getString());
      case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
        case INT -> NODES.numberNode(parser.getIntValue());
        case LONG -> NODES.numberNode(parser.getLongValue());
        default -> NODES.numberNode(parser.getBigIntegerValue());
      };
      // JsonRecords.MAPPER reads floats as BigDecimal (USE_BIG_DECIMAL_FOR_FLOATS).
      case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE -> NODES.booleanNode(true);
      case VALUE_FALSE -> NODES.booleanNode(false);
      case VALUE_NULL -> NODES.nullNode();
      default -> JsonRecords.MAPPER.readTree(parser);
    };
  }

  /** One record's fields on their way into a row; the problems go to the sink as they appear. */
  private final class RowBuilder {
    private static final byte ABSENT = 0;
    private static final byte NULL = 1;
    private static final byte GIVEN = 2;

    private final BiConsumer<String, String> errors;
    private final String[] values = new String[columns.size()];
    private final byte[] seen = new byte[columns.size()];
    private boolean valid = true;
    private UUID ingestId;

    RowBuilder(BiConsumer<String, String> errors) {
      this.errors = errors;
    }

    void field(String fieldName, JsonNode value) {
      try {
        if (fieldName.equals(INGEST_ID)) {
          ingestId = value.isNull() ? null : parseIngestId(value.asString());
          return;
        }
        int position = position(fieldName);
        if (position < 0) {
          throw new InvalidValueException("unknown field; the columns of " + qualifiedName()
              + " are " + columnNames());
        }
        seen[position] = value.isNull() ? NULL : GIVEN;
        if (!value.isNull()) {
          Column column = columns.get(position);
          values[position] = column.type().fromJson(value, column);
        }
      } catch (InvalidValueException e) {
        errors.accept(fieldName, e.getMessage());
        valid = false;
      }
    }

    StagedRow finish(Supplier<UUID> idWhenAbsent) {
      for (int i = 0; i < columns.size(); i++) {
        Column column = columns.get(i);
        if (column.required() && seen[i] != GIVEN) {
          errors.accept(column.name(), seen[i] == ABSENT ? "missing" + requiredReason()
              : "must not be null" + requiredReason());
          valid = false;
        }
      }
      return valid ? new StagedRow(ingestId != null ? ingestId : idWhenAbsent.get(), values) : null;
    }
  }

  /**
   * Validates and converts the fields of one CSV line.
   *
   * @param fields the raw value per column position (null for an empty unquoted field or a
   *     column the file does not have)
   * @param ingestId the row's idempotency key
   * @param errors receives (column, message) for each problem
   * @return the row, or null when at least one problem was reported
   */
  public StagedRow fromText(String[] fields, UUID ingestId, BiConsumer<String, String> errors) {
    boolean valid = true;
    String[] values = new String[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      try {
        if (fields[i] != null) {
          values[i] = column.type().fromText(fields[i], column);
        } else if (column.required()) {
          throw new InvalidValueException("must not be empty" + requiredReason());
        }
      } catch (InvalidValueException e) {
        errors.accept(column.name(), e.getMessage());
        valid = false;
      }
    }
    return valid ? new StagedRow(ingestId, values) : null;
  }

  /**
   * @param text an {@code ingest_id} from a client
   * @return the UUID
   * @throws InvalidValueException when it is not a UUID in the canonical form
   */
  public static UUID parseIngestId(String text) {
    return ColumnType.parseUuid(text);
  }

  /**
   * @return the writable column names, for messages
   */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }

  private static String requiredReason() {
    return " (the column is NOT NULL and has no default)";
  }

  /**
   * Quotes a PostgreSQL identifier.
   *
   * @param identifier a schema, table or column name
   * @return the name in double quotes, inner quotes doubled
   */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public String toString() {
    return key + " -> " + qualifiedName();
  }
}
