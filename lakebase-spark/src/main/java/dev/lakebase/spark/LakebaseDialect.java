package dev.lakebase.spark;

import dev.lakebase.jdbc.LakebaseDriver;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.connector.catalog.Identifier;
import org.apache.spark.sql.connector.catalog.TableChange;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.connector.catalog.index.TableIndex;
import org.apache.spark.sql.connector.expressions.Expression;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.aggregate.AggregateFunc;
import org.apache.spark.sql.execution.datasources.jdbc.JDBCOptions;
import org.apache.spark.sql.execution.datasources.jdbc.JdbcOptionsInWrite;
import org.apache.spark.sql.execution.datasources.v2.TableSampleInfo;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.jdbc.JdbcSQLQueryBuilder;
import org.apache.spark.sql.jdbc.JdbcType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import scala.Function1;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.Seq;

/**
 * Spark's SQL dialect for {@code jdbc:lakebase:} URLs: PostgreSQL's, because Lakebase is
 * PostgreSQL. Spark picks a dialect by URL prefix, so without this class a Lakebase URL would get
 * Spark's generic dialect ({@code BIT(1)} for booleans, no arrays, {@code TIMESTAMP} without time
 * zone, no {@code TRUNCATE TABLE ONLY}, no pushdown of {@code LIMIT}/{@code OFFSET}).
 *
 * <p>Every method delegates to the dialect Spark itself uses for {@code jdbc:postgresql:} URLs
 * ({@code JdbcDialects.get("jdbc:postgresql:")}, looked up on first use in each JVM), so type
 * mapping, {@code TRUNCATE}, quoting, error classification and pushdown follow the Spark version
 * at hand, including any PostgreSQL dialect an application registered itself.
 *
 * <p>Registration: Spark loads this class through {@code java.util.ServiceLoader}
 * ({@code META-INF/services/org.apache.spark.sql.jdbc.JdbcDialect}) when its dialect registry
 * starts, in the driver and in every executor, so having the jar on the classpath is enough. Call
 * {@link #register()} when the jar was added to a running JVM after that (for example a notebook
 * that attached the library after running a JDBC query). All instances are equal, so registering
 * again replaces the registered instance instead of adding a second one.
 *
 * <p>This class only decides SQL; connections still go through
 * {@code dev.lakebase.jdbc.LakebaseDriver} (pass {@code driver=dev.lakebase.jdbc.LakebaseDriver}
 * as a Spark option), which mints a token per physical connect in each JVM.
 */
public final class LakebaseDialect extends JdbcDialect {

  private static final long serialVersionUID = 1L;

  /** Any URL that Spark's PostgreSQL dialect handles. */
  private static final String POSTGRES_URL = "jdbc:postgresql:";

  /** The URL grammar is the driver's: a URL the driver refuses is not ours to speak for. */
  private static final LakebaseDriver DRIVER = new LakebaseDriver();

  /**
   * Resolved lazily: Spark instantiates this class while its dialect registry is still starting,
   * and again after deserialization in every executor, where the lookup must run locally.
   */
  private transient volatile JdbcDialect postgres;

  /** Creates the dialect; Spark's {@code ServiceLoader} and {@link #register()} call this. */
  public LakebaseDialect() {}

  /**
   * Registers the dialect with Spark's {@code JdbcDialects} in this JVM. Idempotent. Needed only
   * when this jar was not on the classpath when Spark's dialect registry started (it loads the
   * dialect itself otherwise); executors load it themselves either way.
   */
  public static void register() {
    JdbcDialects.registerDialect(new LakebaseDialect());
  }

  /**
   * The dialect every call is delegated to.
   *
   * @return Spark's dialect for {@code jdbc:postgresql:} URLs in this JVM
   * @throws IllegalStateException if this Spark has no PostgreSQL dialect registered
   */
  JdbcDialect postgres() {
    JdbcDialect d = postgres;
    if (d == null) {
      d = JdbcDialects.get(POSTGRES_URL);
      if (!d.canHandle(POSTGRES_URL) || d.canHandle("jdbc:no-such-database:")) {
        // JdbcDialects answers its no-op dialect (which handles everything) when none matches.
        throw new IllegalStateException("Spark has no JDBC dialect registered for "
            + POSTGRES_URL + " URLs, which " + getClass().getName() + " delegates to");
      }
      postgres = d;
    }
    return d;
  }

  @Override
  public boolean canHandle(String url) {
    return DRIVER.acceptsURL(url);
  }

  /** All instances are equal, so that registering twice keeps one. */
  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().getName().hashCode();
  }

  @Override
  public String toString() {
    return "LakebaseDialect (PostgreSQL dialect for jdbc:lakebase: URLs)";
  }

  // Everything below delegates to Spark's PostgreSQL dialect. LakebaseDialectTest checks that
  // every overridable method of JdbcDialect is listed here, so a new Spark version that adds one
  // fails the build instead of silently falling back to the generic behaviour.

  @Override
  public Option<DataType> getCatalystType(int sqlType, String typeName, int size,
      MetadataBuilder md) {
    return postgres().getCatalystType(sqlType, typeName, size, md);
  }

  @Override
  public Option<JdbcType> getJDBCType(DataType dt) {
    return postgres().getJDBCType(dt);
  }

  @Override
  public Timestamp convertJavaTimestampToTimestamp(Timestamp t) {
    return postgres().convertJavaTimestampToTimestamp(t);
  }

  @Override
  public Date convertJavaDateToDate(Date d) {
    return postgres().convertJavaDateToDate(d);
  }

  @Override
  public int getYearMonthIntervalAsMonths(String yearmonthStr) {
    return postgres().getYearMonthIntervalAsMonths(yearmonthStr);
  }

  @Override
  public long getDayTimeIntervalAsMicros(String daytimeStr) {
    return postgres().getDayTimeIntervalAsMicros(daytimeStr);
  }

  @Override
  public LocalDateTime convertJavaTimestampToTimestampNTZ(Timestamp t) {
    return postgres().convertJavaTimestampToTimestampNTZ(t);
  }

  @Override
  public Timestamp convertTimestampNTZToJavaTimestamp(LocalDateTime ldt) {
    return postgres().convertTimestampNTZToJavaTimestamp(ldt);
  }

  @Override
  public Function1<Object, Connection> createConnectionFactory(JDBCOptions options) {
    return postgres().createConnectionFactory(options);
  }

  @Override
  public String quoteIdentifier(String colName) {
    return postgres().quoteIdentifier(colName);
  }

  @Override
  public void createTable(Statement statement, String tableName, String strSchema,
      JdbcOptionsInWrite options) {
    postgres().createTable(statement, tableName, strSchema, options);
  }

  @Override
  public String insertIntoTable(String table, StructField[] fields) {
    return postgres().insertIntoTable(table, fields);
  }

  @Override
  public String getTableExistsQuery(String table) {
    return postgres().getTableExistsQuery(table);
  }

  @Override
  public String getSchemaQuery(String table) {
    return postgres().getSchemaQuery(table);
  }

  @Override
  public String getTruncateQuery(String table) {
    return postgres().getTruncateQuery(table);
  }

  @Override
  public String getTruncateQuery(String table, Option<Object> cascade) {
    return postgres().getTruncateQuery(table, cascade);
  }

  @Override
  public int getFetchSize(JDBCOptions options) {
    return postgres().getFetchSize(options);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void beforeFetch(Connection connection,
      scala.collection.immutable.Map<String, String> properties) {
    postgres().beforeFetch(connection, properties);
  }

  @Override
  public void beforeFetch(Connection connection, JDBCOptions options) {
    postgres().beforeFetch(connection, options);
  }

  @Override
  public Object compileValue(Object value) {
    return postgres().compileValue(value);
  }

  @Override
  public boolean isSupportedFunction(String funcName) {
    return postgres().isSupportedFunction(funcName);
  }

  @Override
  public Option<String> compileExpression(Expression expr) {
    return postgres().compileExpression(expr);
  }

  @Override
  @SuppressWarnings("deprecation")
  public Option<String> compileAggregate(AggregateFunc aggFunction) {
    return postgres().compileAggregate(aggFunction);
  }

  @Override
  public Seq<Tuple2<String, UnboundFunction>> functions() {
    return postgres().functions();
  }

  @Override
  public void createSchema(Statement statement, String schema, String comment) {
    postgres().createSchema(statement, schema, comment);
  }

  @Override
  public boolean schemasExists(Connection conn, JDBCOptions options, String schema) {
    return postgres().schemasExists(conn, options, schema);
  }

  @Override
  public String[][] listSchemas(Connection conn, JDBCOptions options) {
    return postgres().listSchemas(conn, options);
  }

  @Override
  public Option<Object> isCascadingTruncateTable() {
    return postgres().isCascadingTruncateTable();
  }

  @Override
  public boolean isSyntaxErrorBestEffort(SQLException exception) {
    return postgres().isSyntaxErrorBestEffort(exception);
  }

  @Override
  @SuppressWarnings("deprecation")
  public String renameTable(String oldTable, String newTable) {
    return postgres().renameTable(oldTable, newTable);
  }

  @Override
  public String renameTable(Identifier oldTable, Identifier newTable) {
    return postgres().renameTable(oldTable, newTable);
  }

  @Override
  public String[] alterTable(String tableName, Seq<TableChange> changes, int dbMajorVersion) {
    return postgres().alterTable(tableName, changes, dbMajorVersion);
  }

  @Override
  public String getAddColumnQuery(String tableName, String columnName, String dataType) {
    return postgres().getAddColumnQuery(tableName, columnName, dataType);
  }

  @Override
  public String getRenameColumnQuery(String tableName, String columnName, String newName,
      int dbMajorVersion) {
    return postgres().getRenameColumnQuery(tableName, columnName, newName, dbMajorVersion);
  }

  @Override
  public String getDeleteColumnQuery(String tableName, String columnName) {
    return postgres().getDeleteColumnQuery(tableName, columnName);
  }

  @Override
  public String getUpdateColumnTypeQuery(String tableName, String columnName,
      String newDataType) {
    return postgres().getUpdateColumnTypeQuery(tableName, columnName, newDataType);
  }

  @Override
  public String getUpdateColumnNullabilityQuery(String tableName, String columnName,
      boolean isNullable) {
    return postgres().getUpdateColumnNullabilityQuery(tableName, columnName, isNullable);
  }

  @Override
  public String getTableCommentQuery(String table, String comment) {
    return postgres().getTableCommentQuery(table, comment);
  }

  @Override
  public String getSchemaCommentQuery(String schema, String comment) {
    return postgres().getSchemaCommentQuery(schema, comment);
  }

  @Override
  public String removeSchemaCommentQuery(String schema) {
    return postgres().removeSchemaCommentQuery(schema);
  }

  @Override
  public String dropSchema(String schema, boolean cascade) {
    return postgres().dropSchema(schema, cascade);
  }

  @Override
  public String dropTable(String table) {
    return postgres().dropTable(table);
  }

  @Override
  public String createIndex(String indexName, Identifier tableIdent, NamedReference[] columns,
      Map<NamedReference, Map<String, String>> columnsProperties,
      Map<String, String> properties) {
    return postgres().createIndex(indexName, tableIdent, columns, columnsProperties, properties);
  }

  @Override
  public boolean indexExists(Connection conn, String indexName, Identifier tableIdent,
      JDBCOptions options) {
    return postgres().indexExists(conn, indexName, tableIdent, options);
  }

  @Override
  public String dropIndex(String indexName, Identifier tableIdent) {
    return postgres().dropIndex(indexName, tableIdent);
  }

  @Override
  public TableIndex[] listIndexes(Connection conn, Identifier tableIdent, JDBCOptions options) {
    return postgres().listIndexes(conn, tableIdent, options);
  }

  @Override
  public boolean isObjectNotFoundException(SQLException e) {
    return postgres().isObjectNotFoundException(e);
  }

  @Override
  public Throwable classifyException(Throwable e, String condition,
      scala.collection.immutable.Map<String, String> messageParameters, String description,
      boolean isRuntime) {
    return postgres().classifyException(e, condition, messageParameters, description, isRuntime);
  }

  @Override
  @SuppressWarnings("deprecation")
  public AnalysisException classifyException(String message, Throwable e) {
    return postgres().classifyException(message, e);
  }

  @Override
  public String getLimitClause(Integer limit) {
    return postgres().getLimitClause(limit);
  }

  @Override
  public String getOffsetClause(Integer offset) {
    return postgres().getOffsetClause(offset);
  }

  @Override
  public JdbcSQLQueryBuilder getJdbcSQLQueryBuilder(JDBCOptions options) {
    return postgres().getJdbcSQLQueryBuilder(options);
  }

  @Override
  public boolean supportsLimit() {
    return postgres().supportsLimit();
  }

  @Override
  public boolean supportsOffset() {
    return postgres().supportsOffset();
  }

  @Override
  public boolean supportsTableSample() {
    return postgres().supportsTableSample();
  }

  @Override
  public String getTableSample(TableSampleInfo sample) {
    return postgres().getTableSample(sample);
  }

  @Override
  public Option<String> compileTableSample(TableSampleInfo sample) {
    return postgres().compileTableSample(sample);
  }

  @Override
  public boolean supportsHint() {
    return postgres().supportsHint();
  }

  @Override
  public boolean supportsJoin() {
    return postgres().supportsJoin();
  }

  @Override
  public String getFullyQualifiedQuotedTableName(Identifier ident) {
    return postgres().getFullyQualifiedQuotedTableName(ident);
  }

  @Override
  public void updateExtraColumnMeta(Connection conn, ResultSetMetaData rsmd, int columnIdx,
      MetadataBuilder metadata) {
    postgres().updateExtraColumnMeta(conn, rsmd, columnIdx, metadata);
  }
}
