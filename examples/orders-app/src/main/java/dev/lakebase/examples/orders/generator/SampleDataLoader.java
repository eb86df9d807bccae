package dev.lakebase.examples.orders.generator;

import dev.lakebase.examples.orders.data.LineItem;
import dev.lakebase.examples.orders.data.Order;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Loads generated TPC-H data with PostgreSQL's COPY when the tables are empty, at start-up (after
 * the Flyway migrations, before the web server accepts requests).
 *
 * <p>One transaction: the orders, then the line items of the same orders (a second pass of the
 * deterministic generator, so nothing is buffered), the foreign key checked once at the end,
 * then the key sequence moved past the loaded keys. {@code SET LOCAL orders.audit = 'off'} keeps the audit triggers from firing for the bulk
 * load only (see the V2 migration).
 */
@Component
@DependsOnDatabaseInitialization
public class SampleDataLoader implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
  private static final String ORDER_COLUMNS = "o_orderkey, o_custkey, o_orderstatus,"
      + " o_totalprice, o_orderdate, o_orderpriority, o_clerk, o_shippriority, o_comment";
  private static final String LINEITEM_COLUMNS = "l_orderkey, l_partkey, l_suppkey,"
      + " l_linenumber, l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag,"
      + " l_linestatus, l_shipdate, l_commitdate, l_receiptdate, l_shipinstruct, l_shipmode,"
      + " l_comment";
  /** Line items per order on average: weighs the second pass in the progress figures. */
  private static final int LINE_ITEMS_PER_ORDER = 4;

  private final DataSource dataSource;
  private final SampleDataProperties properties;

  /**
   * @param dataSource the Lakebase pool
   * @param properties {@code orders.data.*}
   */
  public SampleDataLoader(DataSource dataSource, SampleDataProperties properties) {
    this.dataSource = dataSource;
    this.properties = properties;
  }

  @Override
  public void afterPropertiesSet() throws SQLException, IOException {
    if (properties.load() == SampleDataProperties.Load.NEVER) {
      log.info("Not loading sample data (set orders.data.load=always to load it into empty"
          + " tables)");
      return;
    }
    load();
  }

  private void load() throws SQLException, IOException {
    TpchGenerator generator = new TpchGenerator(properties.scale(), properties.seed());
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        // Another instance starting at the same time waits here, then finds the data loaded.
        statement.execute("LOCK TABLE orders, lineitem IN EXCLUSIVE MODE");
        if (hasRows(statement)) {
          log.info("Sample data: tables already have data, nothing loaded");
          connection.rollback();
          return;
        }
        statement.execute("SET LOCAL orders.audit = 'off'");
        long started = System.nanoTime();
        log.info("Loading sample data: {} orders (orders.data.scale) with their line items",
            String.format("%,d", generator.orderCount()));
        Progress progress = new Progress(generator.orderCount() * (1 + LINE_ITEMS_PER_ORDER));
        List<String> foreignKeys = dropForeignKeys(statement);
        PGConnection pg = connection.unwrap(PGConnection.class);
        copy(pg, "orders", ORDER_COLUMNS, generator, (order, out) -> {
          writeOrder(order, out);
          progress.advance(1);
        });
        long[] lineItems = {0};
        copy(pg, "lineitem", LINEITEM_COLUMNS, generator, (order, out) -> {
          order.lineItems().forEach(item -> writeLineItem(item, out));
          lineItems[0] += order.lineItems().size();
          progress.advance(LINE_ITEMS_PER_ORDER);
        });
        for (String addForeignKey : foreignKeys) {
          statement.execute(addForeignKey);
        }
        statement.execute("SELECT setval(pg_get_serial_sequence('orders', 'o_orderkey'),"
            + " (SELECT max(o_orderkey) FROM orders))");
        connection.commit();
        double seconds = (System.nanoTime() - started) / 1e9;
        long rows = generator.orderCount() + lineItems[0];
        log.info("Loaded {} orders and {} line items in {} s ({} rows/s)",
            String.format("%,d", generator.orderCount()), String.format("%,d", lineItems[0]),
            String.format("%.1f", seconds), String.format("%,.0f", rows / seconds));
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static boolean hasRows(Statement statement) throws SQLException {
    try (var rs = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM orders)"
        + " OR EXISTS (SELECT 1 FROM lineitem)")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /**
   * PostgreSQL's advice for bulk loads: checking a foreign key once for the whole table (when it
   * is added back) is much faster than once per loaded row. In the load's transaction, so a
   * failed load leaves the constraints as they were.
   *
   * @return the statements that add the dropped constraints back
   */
  private static List<String> dropForeignKeys(Statement statement) throws SQLException {
    List<String[]> keys = new ArrayList<>();
    try (var rs = statement.executeQuery("SELECT quote_ident(conname),"
        + " pg_get_constraintdef(oid) FROM pg_constraint"
        + " WHERE conrelid = 'lineitem'::regclass AND contype = 'f'")) {
      while (rs.next()) {
        keys.add(new String[] {rs.getString(1), rs.getString(2)});
      }
    }
    List<String> addBack = new ArrayList<>();
    for (String[] key : keys) {
      statement.execute("ALTER TABLE lineitem DROP CONSTRAINT " + key[0]);
      addBack.add("ALTER TABLE lineitem ADD CONSTRAINT " + key[0] + " " + key[1]);
    }
    return addBack;
  }

  /** COPY ... FROM STDIN in text format, streaming rows as the generator makes them. */
  private static void copy(PGConnection connection, String table, String columns,
      TpchGenerator generator, BiConsumer<Order, Rows> writer) throws SQLException, IOException {
    String sql = "COPY " + table + " (" + columns + ") FROM STDIN";
    try (Writer out = new BufferedWriter(new OutputStreamWriter(
        new PGCopyOutputStream(connection, sql, 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
      Rows rows = new Rows(out);
      for (long i = 0; i < generator.orderCount(); i++) {
        writer.accept(generator.order(i), rows);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void writeOrder(Order o, Rows out) {
    out.field(o.orderKey()).field(o.custKey()).field(o.orderStatus()).field(o.totalPrice())
        .field(o.orderDate()).field(o.orderPriority()).field(o.clerk()).field(o.shipPriority())
        .last(o.comment());
  }

  private static void writeLineItem(LineItem l, Rows out) {
    out.field(l.orderKey()).field(l.partKey()).field(l.suppKey()).field(l.lineNumber())
        .field(l.quantity()).field(l.extendedPrice()).field(l.discount()).field(l.tax())
        .field(l.returnFlag()).field(l.lineStatus()).field(l.shipDate()).field(l.commitDate())
        .field(l.receiptDate()).field(l.shipInstruct()).field(l.shipMode()).last(l.comment());
  }

  /**
   * Writes COPY text rows: tab-separated, one per line. Generated values contain no tab,
   * newline or backslash, so none is escaped.
   */
  private static final class Rows {
    private final Writer out;

    Rows(Writer out) {
      this.out = out;
    }

    Rows field(Object value) {
      return write(value, '\t');
    }

    Rows last(Object value) {
      return write(value, '\n');
    }

    private Rows write(Object value, char separator) {
      try {
        out.write(value instanceof LocalDate date ? date.toString() : String.valueOf(value));
        out.write(separator);
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** Logs every 10 % of the work. */
  private static final class Progress {
    private final long total;
    private long done;
    private int reportedTenths;

    Progress(long total) {
      this.total = total;
    }

    void advance(long units) {
      done += units;
      int tenths = (int) (done * 10 / total);
      if (tenths > reportedTenths) {
        reportedTenths = tenths;
        log.info("Loading sample data: {} %", tenths * 10);
      }
    }
  }
}
