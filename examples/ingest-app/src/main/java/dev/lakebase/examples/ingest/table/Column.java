package dev.lakebase.examples.ingest.table;

/**
 * A column of an ingest table as the database catalog describes it. Identity and generated
 * columns are not listed: the database fills them.
 *
 * @param name column name
 * @param type how values are checked and converted
 * @param declaredType the type as PostgreSQL prints it, for messages (e.g. {@code
 *     character varying(32)})
 * @param nullable whether the column accepts NULL
 * @param defaultExpression the column's default, null when it has none
 * @param maxLength most characters of a {@code varchar(n)}/{@code char(n)} value
 * @param precision total digits of a {@code numeric(p, s)}
 * @param scale fraction digits of a {@code numeric(p, s)}
 */
public record Column(String name, ColumnType type, String declaredType, boolean nullable,
    String defaultExpression, Integer maxLength, Integer precision, Integer scale) {

  /**
   * @return whether a record must carry a non-null value: NOT NULL and no default
   */
  public boolean required() {
    return !nullable && defaultExpression == null;
  }
}
