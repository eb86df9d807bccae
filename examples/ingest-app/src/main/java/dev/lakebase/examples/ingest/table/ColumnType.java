package dev.lakebase.examples.ingest.table;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The PostgreSQL types the ingest application accepts, with their conversion of a JSON value or
 * a CSV field to the text COPY reads. Every check PostgreSQL would make on the value is made
 * here, so a batch never fails on a row that was acknowledged.
 */
public enum ColumnType {
  /** {@code text}, {@code varchar(n)}, {@code char(n)}. */
  TEXT(JsonKind.STRING, "a string", ColumnType::text, "text", "varchar", "bpchar"),
  /** {@code smallint}. */
  SMALLINT(JsonKind.INTEGER, "an integer",
      (value, column) -> integer(value, Short.MIN_VALUE, Short.MAX_VALUE), "int2"),
  /** {@code integer}. */
  INTEGER(JsonKind.INTEGER, "an integer",
      (value, column) -> integer(value, Integer.MIN_VALUE, Integer.MAX_VALUE), "int4"),
  /** {@code bigint}. */
  BIGINT(JsonKind.INTEGER, "an integer",
      (value, column) -> integer(value, Long.MIN_VALUE, Long.MAX_VALUE), "int8"),
  /** {@code real}. */
  REAL(JsonKind.NUMBER, "a number",
      (value, column) -> floating(value, Limits.FLOAT4_MAX, Limits.FLOAT4_MIN), "float4"),
  /** {@code double precision}. */
  DOUBLE(JsonKind.NUMBER, "a number",
      (value, column) -> floating(value, Limits.FLOAT8_MAX, Limits.FLOAT8_MIN), "float8"),
  /** {@code numeric(p, s)} and unconstrained {@code numeric}. */
  NUMERIC(JsonKind.NUMBER, "a number", ColumnType::numeric, "numeric"),
  /** {@code boolean}. */
  BOOLEAN(JsonKind.BOOLEAN, "true or false", (value, column) -> bool(value), "bool"),
  /** {@code uuid}. */
  UUID(JsonKind.STRING, "a UUID string", (value, column) -> uuid(value), "uuid"),
  /** {@code date}. */
  DATE(JsonKind.STRING, "an ISO-8601 date string",
      (value, column) -> temporal(value, LocalDate::parse, "date such as 2024-05-01"), "date"),
  /** {@code timestamp} (without time zone). */
  TIMESTAMP(JsonKind.STRING, "an ISO-8601 timestamp string",
      (value, column) -> IsoTimestamps.plain(value, false) ? value : temporal(value,
          LocalDateTime::parse, "timestamp such as 2024-05-01T12:00:00"), "timestamp"),
  /** {@code timestamptz}: an offset is required, so no value depends on a session time zone. */
  TIMESTAMPTZ(JsonKind.STRING, "an ISO-8601 timestamp string with offset",
      (value, column) -> IsoTimestamps.plain(value, true) ? value : temporal(value,
          OffsetDateTime::parse, "timestamp with offset such as 2024-05-01T12:00:00Z"),
      "timestamptz"),
  /** {@code json} and {@code jsonb}: any JSON value. */
  JSON(JsonKind.ANY, "any JSON value", (value, column) -> json(value), "json", "jsonb");

  /** The JSON value kind a type takes; CSV fields are always text. */
  private enum JsonKind { STRING, INTEGER, NUMBER, BOOLEAN, ANY }

  /** Checks a text value and returns what COPY reads, or throws {@link InvalidValueException}. */
  @FunctionalInterface
  private interface Converter {
    String convert(String value, Column column);
  }

  /** The canonical 8-4-4-4-12 form; {@code java.util.UUID.fromString} accepts much more. */
  private static final Pattern UUID_TEXT = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final JsonKind jsonKind;
  private final String expected;
  private final Converter converter;
  private final String[] typeNames;

  ColumnType(JsonKind jsonKind, String expected, Converter converter, String... typeNames) {
    this.jsonKind = jsonKind;
    this.expected = expected;
    this.converter = converter;
    this.typeNames = typeNames;
  }

  /**
   * @param typeName a {@code pg_type.typname}, e.g. {@code int4}
   * @return the matching type, empty when the application does not support it
   */
  public static Optional<ColumnType> forTypeName(String typeName) {
    return Arrays.stream(values())
        .filter(type -> Arrays.asList(type.typeNames).contains(typeName))
        .findFirst();
  }

  /**
   * @return every supported {@code pg_type.typname}, for error messages
   */
  public static String supportedTypeNames() {
    return String.join(", ", Arrays.stream(values())
        .flatMap(type -> Arrays.stream(type.typeNames)).toList());
  }

  /**
   * Converts a non-null JSON value: checks its JSON kind, then converts it like a CSV field (a
   * JSON column keeps the value as JSON).
   */
  String fromJson(JsonNode value, Column column) {
    boolean fits = switch (jsonKind) {
      case STRING -> value.isString();
      case INTEGER -> value.isIntegralNumber();
      case NUMBER -> value.isNumber();
      case BOOLEAN -> value.isBoolean();
      case ANY -> true;
    };
    if (!fits) {
      throw wrongKind(value);
    }
    if (this == JSON) {
      return checkedJson(JsonRecords.MAPPER.writeValueAsString(value));
    }
    // Floating columns check the parsed number as it is: no print and re-parse per value.
    if (this == DOUBLE && value.isNumber()) {
      return floating(value.decimalValue(), Limits.FLOAT8_MAX, Limits.FLOAT8_MIN);
    }
    if (this == REAL && value.isNumber()) {
      return floating(value.decimalValue(), Limits.FLOAT4_MAX, Limits.FLOAT4_MIN);
    }
    return fromText(value.isNumber() ? value.decimalValue().toString() : value.asString(),
        column);
  }

  /** Converts a non-null text value (a CSV field). */
  String fromText(String value, Column column) {
    return converter.convert(value, column);
  }

  private InvalidValueException wrongKind(JsonNode value) {
    String kind = switch (value.getNodeType()) {
      case STRING -> "a string";
      case NUMBER -> value.isIntegralNumber() ? "an integer" : "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
    return new InvalidValueException("expected " + expected + ", got " + kind);
  }

  private static String text(String value, Column column) {
    if (value.indexOf('\0') >= 0) {
      throw new InvalidValueException("PostgreSQL text cannot hold the character \\u0000");
    }
    if (column.maxLength() != null
        && value.codePointCount(0, value.length()) > column.maxLength()) {
      throw new InvalidValueException("longer than " + column.maxLength() + " characters ("
          + column.declaredType() + ")");
    }
    return value;
  }

  private static BigDecimal decimal(String value) {
    try {
      return new BigDecimal(value);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("expected a number, got '" + value + "'");
    }
  }

  private static String integer(String value, long min, long max) {
    BigInteger number;
    try {
      number = new BigInteger(value);
    } catch (NumberFormatException e) {
      throw new InvalidValueException("expected an integer, got '" + value + "'");
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0
        || number.compareTo(BigInteger.valueOf(max)) > 0) {
      throw new InvalidValueException(value + " is out of range [" + min + ", " + max + "]");
    }
    return number.toString();
  }

  /**
   * The float4/float8 limits as exact decimals, built once: {@code Double.MIN_VALUE} alone has
   * hundreds of digits, too costly to build for every value of every record.
   */
  private static final class Limits {
    static final BigDecimal FLOAT4_MAX = new BigDecimal(Float.MAX_VALUE);
    static final BigDecimal FLOAT4_MIN = new BigDecimal(Float.MIN_VALUE);
    static final BigDecimal FLOAT8_MAX = new BigDecimal(Double.MAX_VALUE);
    static final BigDecimal FLOAT8_MIN = new BigDecimal(Double.MIN_VALUE);
  }

  /** PostgreSQL refuses values that overflow or underflow the type rather than rounding. */
  private static String floating(String value, BigDecimal max, BigDecimal minPositive) {
    return floating(decimal(value), max, minPositive);
  }

  private static String floating(BigDecimal number, BigDecimal max, BigDecimal minPositive) {
    BigDecimal magnitude = number.abs();
    if (magnitude.compareTo(max) > 0
        || (number.signum() != 0 && magnitude.compareTo(minPositive) < 0)) {
      throw new InvalidValueException(number + " is out of range for the column's type");
    }
    return number.toString();
  }

  private static String numeric(String value, Column column) {
    BigDecimal number = decimal(value);
    if (column.precision() != null && column.scale() != null) {
      BigDecimal rounded = number.setScale(column.scale(), RoundingMode.HALF_UP);
      if (rounded.precision() - rounded.scale() > column.precision() - column.scale()) {
        throw new InvalidValueException(value + " does not fit " + column.declaredType());
      }
    }
    return number.toPlainString();
  }

  private static String bool(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "t", "1" -> "t";
      case "false", "f", "0" -> "f";
      default -> throw new InvalidValueException(
          "expected true or false (or t/f, 1/0), got '" + value + "'");
    };
  }

  private static String uuid(String value) {
    if (!UUID_TEXT.matcher(value).matches()) {
      throw new InvalidValueException("expected a UUID such as"
          + " 123e4567-e89b-12d3-a456-426614174000, got '" + value + "'");
    }
    return value.toLowerCase(Locale.ROOT);
  }

  private static String temporal(String value, Function<String, TemporalAccessor> parser,
      String example) {
    try {
      return parser.apply(value).toString();
    } catch (DateTimeParseException e) {
      throw new InvalidValueException("expected an ISO-8601 " + example + ", got '" + value
          + "'");
    }
  }

  private static String json(String value) {
    try {
      return checkedJson(JsonRecords.MAPPER.writeValueAsString(JsonRecords.MAPPER.readTree(value)));
    } catch (JacksonException e) {
      throw new InvalidValueException("expected a JSON document: " + e.getOriginalMessage());
    }
  }

  private static String checkedJson(String json) {
    if (json.contains("\\u0000")) {
      throw new InvalidValueException("PostgreSQL JSON cannot hold the character \\u0000");
    }
    return json;
  }

  /**
   * @param value a UUID string from a client
   * @return the parsed UUID
   * @throws InvalidValueException when it is not in the canonical form
   */
  static java.util.UUID parseUuid(String value) {
    return java.util.UUID.fromString(uuid(value));
  }
}
