package dev.lakebase.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.OrderRepository;
import dev.lakebase.examples.orders.generator.SampleDataLoader;
import dev.lakebase.examples.orders.generator.SampleDataProperties;
import dev.lakebase.examples.orders.generator.TpchGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The generated data as loaded by COPY: TPC-H's rules hold for every row, checked in SQL. */
class SampleDataTest extends OrdersAppTest {

  private static final long LAST_KEY = TpchGenerator.orderKey(SCALE - 1);

  @Autowired
  OrderRepository orders;
  @Autowired
  SampleDataLoader loader;
  @Autowired
  SampleDataProperties properties;

  /** Rows of the generated data (keys up to the last generated one) breaking a rule. */
  private long violations(String sql) {
    return jdbc.queryForObject(sql, Long.class, LAST_KEY);
  }

  @Test
  void everyGeneratedOrderIsThereWithSparseKeys() {
    assertThat(jdbc.queryForObject("SELECT count(*) FROM orders WHERE o_orderkey <= ?",
        Long.class, LAST_KEY)).isEqualTo(SCALE);
    // TPC-H uses the first 8 of every 32 keys.
    assertThat(violations("SELECT count(*) FROM orders WHERE o_orderkey <= ?"
        + " AND o_orderkey % 32 >= 8")).isZero();
    // Orders created through the API get keys after the generated ones.
    assertThat(jdbc.queryForObject("SELECT last_value FROM orders_o_orderkey_seq", Long.class))
        .isGreaterThanOrEqualTo(LAST_KEY);
  }

  @Test
  void valueRulesHoldForEveryRow() {
    assertThat(violations("SELECT count(*) FROM orders WHERE o_orderkey <= ? AND"
        + " (o_orderdate NOT BETWEEN '1992-01-01' AND '1998-08-02'"
        + " OR o_custkey % 3 = 0 OR o_shippriority <> 0"
        + " OR length(o_comment) NOT BETWEEN 19 AND 78)")).isZero();
    assertThat(jdbc.queryForList("SELECT DISTINCT o_orderpriority FROM orders ORDER BY 1",
        String.class)).containsExactly("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED",
        "5-LOW");
    assertThat(violations("SELECT count(*) FROM lineitem l JOIN orders o ON o_orderkey = l_orderkey"
        + " WHERE o_orderkey <= ? AND ("
        + " l_shipdate NOT BETWEEN o_orderdate + 1 AND o_orderdate + 121"
        + " OR l_commitdate NOT BETWEEN o_orderdate + 30 AND o_orderdate + 90"
        + " OR l_receiptdate NOT BETWEEN l_shipdate + 1 AND l_shipdate + 30"
        + " OR l_linestatus <> CASE WHEN l_shipdate > '1995-06-17' THEN 'O' ELSE 'F' END"
        + " OR (l_receiptdate > '1995-06-17') <> (l_returnflag = 'N')"
        + " OR l_quantity NOT BETWEEN 1 AND 50"
        + " OR l_extendedprice <> l_quantity * (90000 + (l_partkey / 10) % 20001"
        + "                                     + 100 * (l_partkey % 1000)) / 100.0"
        + " OR length(l_comment) NOT BETWEEN 10 AND 43)")).isZero();
  }

  @Test
  void eachOrderHasOneToSevenLineItemsAndItsStatusAndTotalFollowFromThem() {
    // Orders whose status the API changed are left out (the audit log knows which).
    assertThat(violations("SELECT count(*) FROM orders o WHERE o_orderkey <= ?"
        + " AND NOT EXISTS (SELECT 1 FROM audit_log WHERE operation = 'UPDATE'"
        + "                 AND (old_row->>'o_orderkey')::bigint = o_orderkey)"
        + " AND o_orderstatus <> (SELECT CASE WHEN bool_and(l_linestatus = 'F') THEN 'F'"
        + "                 WHEN bool_and(l_linestatus = 'O') THEN 'O' ELSE 'P' END"
        + "     FROM lineitem WHERE l_orderkey = o_orderkey)")).isZero();
    assertThat(violations("SELECT count(*) FROM orders o WHERE o_orderkey <= ? AND o_totalprice"
        + " <> (SELECT round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2)"
        + "     FROM lineitem WHERE l_orderkey = o_orderkey)")).isZero();
    assertThat(violations("SELECT count(*) FROM orders o WHERE o_orderkey <= ? AND"
        + " (SELECT count(*) = max(l_linenumber) AND count(*) BETWEEN 1 AND 7"
        + "  FROM lineitem WHERE l_orderkey = o_orderkey) IS NOT TRUE")).isZero();
    // All three statuses occur (orders span CURRENTDATE).
    assertThat(jdbc.queryForList("SELECT DISTINCT o_orderstatus FROM orders ORDER BY 1",
        String.class)).containsExactly("F", "O", "P");
  }

  @Test
  void theLoadIsDeterministicAndNotAudited() {
    TpchGenerator generator = new TpchGenerator(properties.scale(), properties.seed());
    for (long index : new long[] {0, 1, 999, SCALE - 1}) {
      Order expected = generator.order(index);
      // Status updates by other tests may have changed o_orderstatus: compare the rest.
      Order stored = orders.find(expected.orderKey()).orElseThrow();
      assertThat(stored.withLineItems(null)).usingRecursiveComparison()
          .ignoringFields("orderStatus").isEqualTo(expected.withLineItems(null));
      assertThat(stored.lineItems()).isEqualTo(expected.lineItems());
    }
    assertThat(violations("SELECT count(*) FROM audit_log WHERE operation = 'INSERT' AND"
        + " coalesce(new_row->>'o_orderkey', new_row->>'l_orderkey')::bigint <= ?"))
        .as("the bulk load writes no audit rows").isZero();
  }

  @Test
  void loadsOnlyIntoEmptyTables() throws Exception {
    long before = jdbc.queryForObject("SELECT count(*) FROM lineitem", Long.class);
    loader.afterPropertiesSet();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM lineitem", Long.class)).isEqualTo(before);
  }
}
