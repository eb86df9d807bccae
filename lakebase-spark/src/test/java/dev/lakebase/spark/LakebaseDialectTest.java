package dev.lakebase.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.internal.Logging;
import org.apache.spark.sql.jdbc.JdbcDialect;
import org.apache.spark.sql.jdbc.JdbcDialects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MetadataBuilder;
import org.junit.jupiter.api.Test;
import scala.Option;

/** The dialect alone: registration, URL matching and delegation (no database needed). */
class LakebaseDialectTest {

  private static final String URL = "jdbc:lakebase:projects/p/branches/b/endpoints/e";

  private final JdbcDialect postgres = JdbcDialects.get("jdbc:postgresql://host/db");

  @Test
  void sparkFindsTheDialectThroughItsServiceLoader() {
    // Spark's JdbcDialects registers every ServiceLoader-visible JdbcDialect when it starts (its
    // own built-in dialects come the same way), so the jar on the classpath is enough.
    assertThat(ServiceLoader.load(JdbcDialect.class).stream().map(ServiceLoader.Provider::type))
        .contains(LakebaseDialect.class);
    assertThat(JdbcDialects.get(URL)).isInstanceOf(LakebaseDialect.class);
  }

  @Test
  void registeringAgainKeepsOneDialect() {
    LakebaseDialect.register();
    LakebaseDialect.register();
    // Two registered instances would come back as Spark's AggregatedDialect.
    assertThat(JdbcDialects.get(URL)).isInstanceOf(LakebaseDialect.class);
    assertThat(new LakebaseDialect()).isEqualTo(new LakebaseDialect())
        .hasSameHashCodeAs(new LakebaseDialect());
  }

  @Test
  void handlesExactlyTheUrlsTheDriverAccepts() {
    LakebaseDialect dialect = new LakebaseDialect();
    assertThat(dialect.canHandle(URL)).isTrue();
    assertThat(dialect.canHandle("JDBC:LAKEBASE://ep-x.database.example.com/db")).isTrue();
    assertThat(dialect.canHandle("jdbc:postgresql://host/db")).isFalse();
    assertThat(dialect.canHandle("jdbc:lakebas://host")).isFalse();
    assertThat(JdbcDialects.get("jdbc:postgresql://host/db"))
        .isNotInstanceOf(LakebaseDialect.class);
  }

  @Test
  void overridesEveryOverridableMethodOfJdbcDialect() {
    // A Spark upgrade that adds a dialect method must fail here: a method not delegated would
    // silently answer Spark's generic behaviour for Lakebase URLs.
    Set<String> logging = Arrays.stream(Logging.class.getMethods()).map(Method::getName)
        .collect(Collectors.toSet());
    List<String> missing = Arrays.stream(JdbcDialect.class.getMethods())
        .filter(m -> m.getDeclaringClass() != Object.class)
        .filter(m -> !Modifier.isStatic(m.getModifiers()) && !Modifier.isFinal(m.getModifiers()))
        .filter(m -> !m.isSynthetic() && !m.getName().contains("$"))
        .filter(m -> !logging.contains(m.getName()))
        .filter(m -> !m.getName().equals("escapeSql")) // protected[jdbc]: only Spark's own code calls it
        .filter(m -> {
          try {
            return LakebaseDialect.class.getDeclaredMethod(m.getName(), m.getParameterTypes())
                == null;
          } catch (NoSuchMethodException e) {
            return true;
          }
        })
        .map(Method::toGenericString)
        .toList();
    assertThat(missing).isEmpty();
  }

  @Test
  void answersWhatSparksPostgresDialectAnswers() {
    LakebaseDialect dialect = new LakebaseDialect();
    List<DataType> types = List.of(DataTypes.BooleanType, DataTypes.TimestampType,
        DataTypes.StringType, DataTypes.BinaryType, DataTypes.ByteType, DataTypes.FloatType,
        DataTypes.createDecimalType(15, 2), DataTypes.createArrayType(DataTypes.StringType),
        DataTypes.createArrayType(DataTypes.IntegerType));
    for (DataType t : types) {
      assertThat(dialect.getJDBCType(t)).as(t.simpleString()).isEqualTo(postgres.getJDBCType(t));
    }
    assertThat(dialect.getJDBCType(DataTypes.BooleanType).get().databaseTypeDefinition())
        .isEqualTo("BOOLEAN");
    assertThat(dialect.getJDBCType(DataTypes.createArrayType(DataTypes.StringType)).get()
        .databaseTypeDefinition()).isEqualTo("TEXT[]");
    assertThat(dialect.getCatalystType(Types.OTHER, "jsonb", 0, new MetadataBuilder()))
        .isEqualTo(Option.apply(DataTypes.StringType));
    assertThat(dialect.getTruncateQuery("lineitem")).isEqualTo("TRUNCATE TABLE ONLY lineitem");
    assertThat(dialect.isCascadingTruncateTable()).isEqualTo(Option.apply(false));
    assertThat(dialect.quoteIdentifier("Order \"Key\"")).isEqualTo("\"Order \"\"Key\"\"\"");
    assertThat(dialect.supportsLimit()).isTrue();
    assertThat(dialect.isSupportedFunction("STDDEV_POP")).isTrue();

    // What Lakebase URLs got before this dialect: Spark's generic answers.
    JdbcDialect generic = JdbcDialects.get("jdbc:no-dialect-for-this:");
    assertThat(generic.getJDBCType(DataTypes.BooleanType).isEmpty()).isTrue(); // then BIT(1)
    assertThat(generic.supportsLimit()).isFalse();
  }

  @Test
  void survivesSerializationToExecutors() throws Exception {
    LakebaseDialect dialect = new LakebaseDialect();
    dialect.getJDBCType(DataTypes.StringType); // resolve the delegate before shipping it
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(dialect);
    }
    Object copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = in.readObject();
    }
    assertThat(copy).isEqualTo(dialect);
    assertThat(((LakebaseDialect) copy).getJDBCType(DataTypes.TimestampType))
        .isEqualTo(postgres.getJDBCType(DataTypes.TimestampType));
  }
}
