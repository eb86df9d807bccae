package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Spark's PostgreSQL type mapping through {@code jdbc:lakebase:}: the tables Spark creates get the
 * PostgreSQL types, and the values come back unchanged.
 */
@EmulatedLakebase
class DialectRoundTripTest {

  private static final StructType SCHEMA = new StructType(new StructField[] {
      field("id", DataTypes.LongType),
      field("shipped_at", DataTypes.TimestampType),
      field("ship_date", DataTypes.DateType),
      field("price", DataTypes.createDecimalType(12, 3)),
      field("returned", DataTypes.BooleanType),
      field("tags", DataTypes.createArrayType(DataTypes.StringType)),
      field("Order Comment", DataTypes.StringType), // needs quoting
      field("payload", DataTypes.StringType)});

  private final LakebaseEmulator emulator;
  private final SparkSession spark = SparkSupport.spark();

  DialectRoundTripTest(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @Test
  void tablesSparkCreatesGetPostgresTypesAndValuesRoundTrip() throws Exception {
    Dataset<Row> df = spark.createDataFrame(sampleRows(), SCHEMA);
    df.write().format("jdbc").options(SparkSupport.lakebaseOptions(emulator))
        .option("dbtable", "spark_types").mode(SaveMode.Overwrite).save();

    assertThat(columns("spark_types")).containsExactly(
        tuple("id", "bigint", "int8", 64, 0),
        tuple("shipped_at", "timestamp with time zone", "timestamptz", null, null),
        tuple("ship_date", "date", "date", null, null),
        tuple("price", "numeric", "numeric", 12, 3),
        tuple("returned", "boolean", "bool", null, null),
        tuple("tags", "ARRAY", "_text", null, null),
        tuple("Order Comment", "text", "text", null, null),
        tuple("payload", "text", "text", null, null));

    Dataset<Row> back = spark.read().format("jdbc").options(SparkSupport.lakebaseOptions(emulator))
        .option("dbtable", "spark_types").load();
    // Column metadata (scale, ...) aside, the same names and Spark types come back.
    assertThat(back.schema().fields()).extracting(StructField::name, StructField::dataType)
        .containsExactly(java.util.Arrays.stream(SCHEMA.fields())
            .map(f -> tuple(f.name(), f.dataType())).toArray(Tuple[]::new));
    assertThat(back.orderBy("id").collectAsList()).isEqualTo(sampleRows());
  }

  @Test
  void jsonbColumnsTakeStringsAndTruncateKeepsTheTable() throws Exception {
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists spark_events");
      s.execute("create table spark_events (id bigint primary key, doc jsonb not null,"
          + " labels text[])");
    }
    StructType schema = new StructType(new StructField[] {
        field("id", DataTypes.LongType), field("doc", DataTypes.StringType),
        field("labels", DataTypes.createArrayType(DataTypes.StringType))});
    Map<String, String> options = SparkSupport.lakebaseOptions(emulator);
    // pgjdbc pass-through: strings are sent untyped, so PostgreSQL casts them to jsonb.
    options.put("stringtype", "unspecified");

    spark.createDataFrame(List.of(
            RowFactory.create(1L, "{\"sku\": \"A-1\", \"qty\": 2}", List.of("new")),
            RowFactory.create(2L, "{\"sku\":\"B-2\",\"tags\":[1,2]}", List.of())), schema)
        .write().format("jdbc").options(options).option("dbtable", "spark_events")
        .mode(SaveMode.Append).save();
    // Overwrite with truncate: Spark's PostgreSQL dialect runs TRUNCATE TABLE ONLY instead of
    // dropping the table, so the jsonb column and the primary key survive.
    spark.createDataFrame(List.of(
            RowFactory.create(3L, "{\"sku\":  \"C-3\"}", List.of("a", "b"))), schema)
        .write().format("jdbc").options(options).option("dbtable", "spark_events")
        .option("truncate", "true").mode(SaveMode.Overwrite).save();

    assertThat(columns("spark_events")).containsExactly(
        tuple("id", "bigint", "int8", 64, 0),
        tuple("doc", "jsonb", "jsonb", null, null),
        tuple("labels", "ARRAY", "_text", null, null));
    List<Row> back = spark.read().format("jdbc").options(options)
        .option("dbtable", "spark_events").load().collectAsList();
    assertThat(back).containsExactly(
        RowFactory.create(3L, "{\"sku\": \"C-3\"}", scala.jdk.javaapi.CollectionConverters
            .asScala(List.of("a", "b")).toSeq()));
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from pg_constraint"
            + " where conrelid = 'spark_events'::regclass and contype = 'p'")) {
      rs.next();
      assertThat(rs.getInt(1)).as("primary key kept").isEqualTo(1);
    }
  }

  @Test
  void withoutTheDialectSparkCannotEvenWriteTheseTypes() {
    LakebaseDialect registered = (LakebaseDialect) JdbcDialects.get("jdbc:lakebase:");
    JdbcDialects.unregisterDialect(registered);
    try {
      Dataset<Row> df = spark.createDataFrame(sampleRows(), SCHEMA);
      assertThatThrownBy(() -> df.write().format("jdbc")
              .options(SparkSupport.lakebaseOptions(emulator))
              .option("dbtable", "spark_types_generic").mode(SaveMode.Overwrite).save())
          .hasMessageContaining("array<string>");
    } finally {
      LakebaseDialect.register();
    }
  }

  private static List<Row> sampleRows() {
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(1L, Timestamp.from(Instant.parse("2026-03-01T12:34:56.789123Z")),
        Date.valueOf("1998-12-01"), new BigDecimal("1234.567"), true,
        scala.jdk.javaapi.CollectionConverters.asScala(List.of("DELIVER IN PERSON", "AIR"))
            .toSeq(),
        "quick brown \"fox\"", "{\"k\": [1, 2]}"));
    rows.add(RowFactory.create(2L, Timestamp.from(Instant.parse("1992-01-02T00:00:00Z")),
        Date.valueOf("1992-01-02"), new BigDecimal("-0.001"), false,
        scala.jdk.javaapi.CollectionConverters.asScala(List.<String>of()).toSeq(), "", "{}"));
    rows.add(RowFactory.create(3L, null, null, null, null, null, null, null));
    return rows;
  }

  private List<Tuple> columns(String table) throws SQLException {
    List<Tuple> columns = new ArrayList<>();
    try (Connection c = emulator.adminDataSource().getConnection();
        PreparedStatement ps = c.prepareStatement("select column_name, data_type, udt_name,"
            + " numeric_precision, numeric_scale from information_schema.columns"
            + " where table_name = ? order by ordinal_position")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(tuple(rs.getString(1), rs.getString(2), rs.getString(3),
              (Integer) rs.getObject(4), (Integer) rs.getObject(5)));
        }
      }
    }
    return columns;
  }

  private static StructField field(String name, org.apache.spark.sql.types.DataType type) {
    return new StructField(name, type, true, Metadata.empty());
  }
}
