package dev.lakebase.examples.ingest.table;

import dev.lakebase.examples.ingest.IngestConfigException;
import dev.lakebase.examples.ingest.IngestProperties;
import dev.lakebase.examples.ingest.IngestProperties.ColumnSpec;
import dev.lakebase.examples.ingest.IngestProperties.TableSettings;
import dev.lakebase.examples.ingest.IngestProperties.WriterSettings;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The configured ingest tables, described from the database catalog at startup (after the
 * Flyway migrations). A configured table that does not exist stops the startup, unless its
 * configuration asks to create it from a column list.
 */
@Component
@DependsOnDatabaseInitialization
public class TableCatalog {

  private static final Logger log = LoggerFactory.getLogger(TableCatalog.class);

  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final Pattern QUALIFIED = Pattern.compile(
      "(" + IDENTIFIER.pattern() + ")\\.(" + IDENTIFIER.pattern() + ")");
  /** A type name with an optional modifier: {@code double precision}, {@code numeric(10, 2)}. */
  private static final Pattern TYPE = Pattern.compile(
      "[a-z][a-z0-9 ]*(\\(\\s*\\d+\\s*(,\\s*\\d+\\s*)?\\))?");

  private static final String COLUMNS_SQL = """
      SELECT a.attname, t.typname, format_type(a.atttypid, a.atttypmod) AS declared,
             a.atttypmod, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) AS default_expression,
             a.attidentity <> '' OR a.attgenerated <> '' AS database_filled
        FROM pg_attribute a
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attnum""";

  /** ON CONFLICT (ingest_id) needs a unique, non-partial index on exactly that column. */
  private static final String UNIQUE_INGEST_ID_SQL = """
      SELECT EXISTS (
        SELECT 1 FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indnkeyatts = 1
           AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = 'ingest_id')""";

  private final Map<String, IngestTable> tables = new LinkedHashMap<>();

  /**
   * Reads (or creates) every configured table.
   *
   * @param properties the configuration
   * @param jdbc the application's database
   * @throws IngestConfigException naming the property to fix
   */
  public TableCatalog(IngestProperties properties, JdbcTemplate jdbc) {
    if (properties.tables().isEmpty()) {
      throw new IngestConfigException("ingest.tables", "no ingest table is configured; add"
          + " ingest.tables.<key>.table=<schema>.<table>");
    }
    properties.tables().forEach((key, settings) ->
        tables.put(key, load(key, settings, properties.writer(), jdbc)));
    log.info("Ingest tables: {}", tables.values().stream().map(table -> table
        + " " + table.columnNames()).collect(Collectors.joining(", ")));
  }

  /**
   * @param key a table key
   * @return the table
   * @throws UnknownTableException when no table has this key
   */
  public IngestTable table(String key) {
    IngestTable table = tables.get(key);
    if (table == null) {
      throw new UnknownTableException(key, tables.keySet());
    }
    return table;
  }

  /**
   * @return every table, in configuration order
   */
  public Collection<IngestTable> tables() {
    return tables.values();
  }

  private static IngestTable load(String key, TableSettings settings, WriterSettings defaults,
      JdbcTemplate jdbc) {
    String prefix = "ingest.tables." + key;
    if (!KEY.matcher(key).matches()) {
      throw new IngestConfigException(prefix, "table key '" + key + "' must be lower-case"
          + " letters, digits, '_' and '-' (it is a URL path segment)");
    }
    Matcher target = QUALIFIED.matcher(settings.table() == null ? "" : settings.table());
    if (!target.matches()) {
      throw new IngestConfigException(prefix + ".table", "table of '" + key + "' is '"
          + settings.table() + "'; expected schema.table (lower-case, unquoted identifiers)");
    }
    IngestTable table = new IngestTable(key, target.group(1), target.group(2), List.of(),
        batchSettings(prefix, settings, defaults));
    List<Column> columns = readColumns(table, jdbc);
    if (columns == null && settings.createIfMissing()) {
      create(table, target.group(1), prefix, settings.columns(), jdbc);
      columns = readColumns(table, jdbc);
    }
    if (columns == null) {
      throw new IngestConfigException(prefix + ".table", "table " + table.qualifiedName()
          + " does not exist (or the login role cannot see it). Create it, e.g. in a Flyway"
          + " migration, or set " + prefix + ".create-if-missing=true with its columns");
    }
    checkIngestId(table, prefix, columns, jdbc);
    columns.removeIf(column -> column.name().equals(IngestTable.INGEST_ID));
    return new IngestTable(key, target.group(1), target.group(2), columns, table.batch());
  }

  private static BatchSettings batchSettings(String prefix, TableSettings settings,
      WriterSettings defaults) {
    int batchSize = Objects.requireNonNullElse(settings.batchSize(), defaults.batchSize());
    Duration flushInterval =
        Objects.requireNonNullElse(settings.flushInterval(), defaults.flushInterval());
    int capacity = Objects.requireNonNullElse(settings.bufferCapacity(), defaults.bufferCapacity());
    if (batchSize < 1) {
      throw new IngestConfigException(prefix + ".batch-size (or ingest.writer.batch-size)",
          "batch size " + batchSize + " must be at least 1");
    }
    if (capacity < batchSize) {
      throw new IngestConfigException(prefix + ".buffer-capacity (or ingest.writer"
          + ".buffer-capacity)", "buffer capacity " + capacity + " must be at least the batch"
          + " size " + batchSize);
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IngestConfigException(prefix + ".flush-interval (or ingest.writer"
          + ".flush-interval)", "flush interval " + flushInterval + " must be positive");
    }
    return new BatchSettings(batchSize, flushInterval, capacity);
  }

  /** @return the table's columns, null when it does not exist */
  private static List<Column> readColumns(IngestTable table, JdbcTemplate jdbc) {
    List<Column> columns = new ArrayList<>();
    boolean[] exists = {false};
    jdbc.query(COLUMNS_SQL, (ResultSet row) -> {
      exists[0] = true;
      if (!row.getBoolean("database_filled")) {
        columns.add(column(table, row));
      }
    }, table.quotedName());
    return exists[0] ? columns : null;
  }

  private static Column column(IngestTable table, ResultSet row) throws SQLException {
    String name = row.getString("attname");
    String declared = row.getString("declared");
    ColumnType type = ColumnType.forTypeName(row.getString("typname")).orElseThrow(() ->
        new IngestConfigException("ingest.tables." + table.key() + ".table", "column " + name
            + " of " + table.qualifiedName() + " has type " + declared + ", which the ingest"
            + " application does not support (supported: " + ColumnType.supportedTypeNames()
            + "); ingest into a table or view without it"));
    // atttypmod: varchar(n)/char(n) store n + 4; numeric(p, s) stores ((p << 16) | s) + 4.
    int modifier = row.getInt("atttypmod") - 4;
    boolean modified = modifier >= 0;
    return new Column(name, type, declared, !row.getBoolean("attnotnull"),
        row.getString("default_expression"),
        type == ColumnType.TEXT && modified ? modifier : null,
        type == ColumnType.NUMERIC && modified ? modifier >>> 16 : null,
        type == ColumnType.NUMERIC && modified ? (short) (modifier << 5) >> 5 : null);
  }

  private static void checkIngestId(IngestTable table, String prefix, List<Column> columns,
      JdbcTemplate jdbc) {
    boolean uuidColumn = columns.stream().anyMatch(column ->
        column.name().equals(IngestTable.INGEST_ID) && column.type() == ColumnType.UUID);
    Boolean unique = jdbc.queryForObject(UNIQUE_INGEST_ID_SQL, Boolean.class, table.quotedName());
    if (!uuidColumn || !Boolean.TRUE.equals(unique)) {
      throw new IngestConfigException(prefix + ".table", "table " + table.qualifiedName()
          + " needs the idempotency key column ingest_id uuid with a UNIQUE constraint (ALTER"
          + " TABLE " + table.qualifiedName() + " ADD COLUMN ingest_id uuid NOT NULL UNIQUE):"
          + " retried batches rely on it to never insert a row twice");
    }
  }

  private static void create(IngestTable table, String schema, String prefix,
      List<ColumnSpec> specs, JdbcTemplate jdbc) {
    if (specs.isEmpty()) {
      throw new IngestConfigException(prefix + ".columns", "table " + table.qualifiedName()
          + " does not exist and create-if-missing needs its columns: list them under "
          + prefix + ".columns with name, type and nullable");
    }
    List<String> definitions = new ArrayList<>();
    definitions.add(IngestTable.quote(IngestTable.INGEST_ID) + " uuid NOT NULL UNIQUE");
    for (int i = 0; i < specs.size(); i++) {
      ColumnSpec spec = specs.get(i);
      String property = prefix + ".columns[" + i + "]";
      if (spec.name() == null || !IDENTIFIER.matcher(spec.name()).matches()
          || spec.name().equals(IngestTable.INGEST_ID)) {
        throw new IngestConfigException(property + ".name", "column name '" + spec.name()
            + "' must be a lower-case identifier other than ingest_id");
      }
      if (spec.type() == null || !TYPE.matcher(spec.type()).matches()) {
        throw new IngestConfigException(property + ".type", "column type '" + spec.type()
            + "' of " + spec.name() + " is not a type name such as text, integer,"
            + " double precision, varchar(64), numeric(10,2) or timestamptz");
      }
      definitions.add(IngestTable.quote(spec.name()) + " " + spec.type()
          + (spec.nullable() ? "" : " NOT NULL"));
    }
    jdbc.execute("CREATE SCHEMA IF NOT EXISTS " + IngestTable.quote(schema));
    jdbc.execute("CREATE TABLE IF NOT EXISTS " + table.quotedName() + " ("
        + String.join(", ", definitions) + ")");
    log.info("Created ingest table {} ({})", table.qualifiedName(), prefix + ".create-if-missing");
  }
}
