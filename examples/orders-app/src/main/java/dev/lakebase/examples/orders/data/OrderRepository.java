package dev.lakebase.examples.orders.data;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Orders and their line items, in plain SQL. */
@Repository
public class OrderRepository {

  static final String ORDER_COLUMNS = "o_orderkey, o_custkey, o_orderstatus,"
      + " o_totalprice, o_orderdate, o_orderpriority, o_clerk, o_shippriority, o_comment";
  static final RowMapper<Order> ORDER = OrderRepository::order;
  private static final RowMapper<LineItem> LINE_ITEM = OrderRepository::lineItem;

  private final JdbcClient jdbc;
  private final JdbcTemplate template;

  /**
   * @param jdbc queries
   * @param template batch inserts
   */
  public OrderRepository(JdbcClient jdbc, JdbcTemplate template) {
    this.jdbc = jdbc;
    this.template = template;
  }

  /** @return how many orders there are */
  public long count() {
    return jdbc.sql("SELECT count(*) FROM orders").query(Long.class).single();
  }

  /**
   * @param limit how many
   * @return random order keys
   */
  public List<Long> randomKeys(int limit) {
    return jdbc.sql("SELECT o_orderkey FROM orders ORDER BY random() LIMIT ?")
        .param(limit).query(Long.class).list();
  }

  /**
   * @param orderKey the key
   * @return the order with its line items, if it exists
   */
  @Transactional(readOnly = true)
  public Optional<Order> find(long orderKey) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE o_orderkey = ?")
        .param(orderKey).query(ORDER).optional()
        .map(order -> order.withLineItems(jdbc.sql(
                "SELECT * FROM lineitem WHERE l_orderkey = ? ORDER BY l_linenumber")
            .param(orderKey).query(LINE_ITEM).list()));
  }

  /**
   * Offset pagination, ordered by key.
   *
   * @param offset rows to skip
   * @param limit page size
   * @return the page's orders, without line items
   */
  public List<Order> page(long offset, int limit) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders ORDER BY o_orderkey"
        + " OFFSET ? LIMIT ?").params(offset, limit).query(ORDER).list();
  }

  /**
   * Keyset pagination: an index range scan however deep the page.
   *
   * @param afterKey the last key of the previous page (0 for the first page)
   * @param limit page size
   * @return the orders with keys after {@code afterKey}, without line items
   */
  public List<Order> after(long afterKey, int limit) {
    return jdbc.sql("SELECT " + ORDER_COLUMNS + " FROM orders WHERE o_orderkey > ?"
        + " ORDER BY o_orderkey LIMIT ?").params(afterKey, limit).query(ORDER).list();
  }

  /**
   * @param orderKey the order
   * @param status the new o_orderstatus
   * @return whether the order exists
   */
  public boolean updateStatus(long orderKey, String status) {
    return jdbc.sql("UPDATE orders SET o_orderstatus = ? WHERE o_orderkey = ?")
        .params(status, orderKey).update() == 1;
  }

  /**
   * Inserts an order and its line items in one transaction: if any row violates a constraint,
   * nothing is written (nor audited).
   *
   * @param draft the order, whose key is ignored, with its line items
   * @return the order as stored, with its new key
   */
  @Transactional
  public Order create(Order draft) {
    long orderKey = jdbc.sql("INSERT INTO orders (o_custkey, o_orderstatus, o_totalprice,"
            + " o_orderdate, o_orderpriority, o_clerk, o_shippriority, o_comment)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING o_orderkey")
        .params(draft.custKey(), draft.orderStatus(), draft.totalPrice(), draft.orderDate(),
            draft.orderPriority(), draft.clerk(), draft.shipPriority(), draft.comment())
        .query(Long.class).single();
    template.batchUpdate("INSERT INTO lineitem (l_orderkey, l_partkey, l_suppkey, l_linenumber,"
            + " l_quantity, l_extendedprice, l_discount, l_tax, l_returnflag, l_linestatus,"
            + " l_shipdate, l_commitdate, l_receiptdate, l_shipinstruct, l_shipmode, l_comment)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        draft.lineItems(), draft.lineItems().size(), (ps, l) -> {
          ps.setLong(1, orderKey);
          ps.setLong(2, l.partKey());
          ps.setLong(3, l.suppKey());
          ps.setInt(4, l.lineNumber());
          ps.setBigDecimal(5, l.quantity());
          ps.setBigDecimal(6, l.extendedPrice());
          ps.setBigDecimal(7, l.discount());
          ps.setBigDecimal(8, l.tax());
          ps.setString(9, l.returnFlag());
          ps.setString(10, l.lineStatus());
          ps.setObject(11, l.shipDate());
          ps.setObject(12, l.commitDate());
          ps.setObject(13, l.receiptDate());
          ps.setString(14, l.shipInstruct());
          ps.setString(15, l.shipMode());
          ps.setString(16, l.comment());
        });
    return find(orderKey).orElseThrow();
  }

  private static Order order(ResultSet rs, int row) throws SQLException {
    return new Order(rs.getLong("o_orderkey"), rs.getLong("o_custkey"),
        rs.getString("o_orderstatus"), rs.getBigDecimal("o_totalprice"),
        rs.getObject("o_orderdate", LocalDate.class), rs.getString("o_orderpriority"),
        rs.getString("o_clerk"), rs.getInt("o_shippriority"), rs.getString("o_comment"), null);
  }

  private static LineItem lineItem(ResultSet rs, int row) throws SQLException {
    return new LineItem(rs.getLong("l_orderkey"), rs.getLong("l_partkey"),
        rs.getLong("l_suppkey"), rs.getInt("l_linenumber"), rs.getBigDecimal("l_quantity"),
        rs.getBigDecimal("l_extendedprice"), rs.getBigDecimal("l_discount"),
        rs.getBigDecimal("l_tax"), rs.getString("l_returnflag"), rs.getString("l_linestatus"),
        rs.getObject("l_shipdate", LocalDate.class),
        rs.getObject("l_commitdate", LocalDate.class),
        rs.getObject("l_receiptdate", LocalDate.class), rs.getString("l_shipinstruct"),
        rs.getString("l_shipmode"), rs.getString("l_comment"));
  }
}
