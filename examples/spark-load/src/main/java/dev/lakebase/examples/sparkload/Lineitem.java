package dev.lakebase.examples.sparkload;

import java.math.BigDecimal;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A generated TPC-H {@code lineitem}-like table: the 16 columns with their types and value
 * ranges, four lines per order, deterministic (every value is a hash of the row number), so a
 * read-back can be checked against the generator without keeping the data.
 */
final class Lineitem {

  /** Rows per order: {@code l_orderkey} runs from 1 to {@code rows / 4 + 1}. */
  static final int LINES_PER_ORDER = 4;

  private static final String[] COLUMNS = {
      "id div " + LINES_PER_ORDER + " + 1 as l_orderkey",
      "pmod(xxhash64(id, 1), 200000) + 1 as l_partkey",
      "pmod(xxhash64(id, 2), 10000) + 1 as l_suppkey",
      "cast(id % " + LINES_PER_ORDER + " + 1 as int) as l_linenumber",
      "cast(pmod(xxhash64(id, 3), 50) + 1 as decimal(15,2)) as l_quantity",
      "cast(pmod(xxhash64(id, 4), 10000000) / 100 as decimal(15,2)) as l_extendedprice",
      "cast(pmod(xxhash64(id, 5), 11) / 100 as decimal(15,2)) as l_discount",
      "cast(pmod(xxhash64(id, 6), 9) / 100 as decimal(15,2)) as l_tax",
      "element_at(array('R', 'A', 'N'), cast(pmod(xxhash64(id, 7), 3) + 1 as int))"
          + " as l_returnflag",
      "element_at(array('O', 'F'), cast(pmod(xxhash64(id, 8), 2) + 1 as int)) as l_linestatus",
      "date_add(date'1992-01-02', cast(pmod(xxhash64(id, 9), 2526) as int)) as l_shipdate",
      "date_add(date'1992-01-02', cast(pmod(xxhash64(id, 9), 2526) + pmod(xxhash64(id, 10), 61)"
          + " - 30 as int)) as l_commitdate",
      "date_add(date'1992-01-02', cast(pmod(xxhash64(id, 9), 2526) + pmod(xxhash64(id, 11), 30)"
          + " + 1 as int)) as l_receiptdate",
      "element_at(array('DELIVER IN PERSON', 'COLLECT COD', 'NONE', 'TAKE BACK RETURN'),"
          + " cast(pmod(xxhash64(id, 12), 4) + 1 as int)) as l_shipinstruct",
      "element_at(array('REG AIR', 'AIR', 'RAIL', 'SHIP', 'TRUCK', 'MAIL', 'FOB'),"
          + " cast(pmod(xxhash64(id, 13), 7) + 1 as int)) as l_shipmode",
      "substr('carefully final deposits detect slyly regular requests among the quickly"
          + " express accounts', cast(pmod(xxhash64(id, 14), 40) + 1 as int),"
          + " cast(pmod(xxhash64(id, 15), 34) + 10 as int)) as l_comment"};

  private static final String ALL = "l_orderkey, l_partkey, l_suppkey, l_linenumber, l_quantity,"
      + " l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus, l_shipdate,"
      + " l_commitdate, l_receiptdate, l_shipinstruct, l_shipmode, l_comment";

  private Lineitem() {}

  /**
   * The table's rows.
   *
   * @param spark the session
   * @param rows how many
   * @param partitions Spark partitions of the result (each becomes one writing task)
   * @return the DataFrame
   */
  static Dataset<Row> generate(SparkSession spark, long rows, int partitions) {
    return spark.range(0, rows, 1, partitions).selectExpr(COLUMNS);
  }

  /** The largest {@code l_orderkey} of a table of {@code rows} rows. */
  static long maxOrderKey(long rows) {
    return (rows - 1) / LINES_PER_ORDER + 1;
  }

  /** Row count and checksum of a lineitem DataFrame. */
  record Check(long rows, BigDecimal checksum) {}

  /**
   * Counts the rows and sums a 64-bit hash of each (as a decimal, so the sum cannot overflow),
   * in one pass: the checksum does not depend on row order or partitioning.
   *
   * @param lineitem generated or read-back rows
   * @return count and checksum
   */
  static Check check(Dataset<Row> lineitem) {
    Row r = lineitem.selectExpr("count(*)",
        "sum(cast(xxhash64(" + ALL + ") as decimal(38,0)))").first();
    return new Check(r.getLong(0), r.getDecimal(1));
  }
}
