package dev.lakebase.examples.orders.generator;

import dev.lakebase.examples.orders.data.LineItem;
import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.TpchRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic TPC-H {@code orders} and {@code lineitem} rows following the value rules of the
 * TPC-H specification (clause 4.2.3), for a given number of orders instead of a scale factor.
 *
 * <p>Each order is generated from its own random stream, derived from the seed and the order's
 * index, so {@link #order(long)} returns the same order whatever was generated before: the loader
 * can write the orders and then, in a second pass, the line items of the very same orders.
 */
public final class TpchGenerator {

  /** TPC-H's orders per scale factor: cardinalities of customers, parts, ... scale with it. */
  private static final double ORDERS_PER_SCALE_FACTOR = 1_500_000;
  private static final int ORDER_DATE_RANGE =
      (int) ChronoUnit.DAYS.between(TpchRules.START_DATE, TpchRules.LAST_ORDER_DATE) + 1;
  private static final BigDecimal[] HUNDREDTHS = new BigDecimal[11];

  static {
    for (int i = 0; i < HUNDREDTHS.length; i++) {
      HUNDREDTHS[i] = BigDecimal.valueOf(i, 2);
    }
  }

  private final long orderCount;
  private final long seed;
  private final long customers;
  private final long parts;
  private final long suppliers;
  private final long clerks;

  /**
   * @param orderCount how many orders (TPC-H scale factor 1 has 1,500,000)
   * @param seed the same seed gives the same data
   */
  public TpchGenerator(long orderCount, long seed) {
    if (orderCount < 1) {
      throw new IllegalArgumentException("orderCount must be positive: " + orderCount);
    }
    this.orderCount = orderCount;
    this.seed = seed;
    double scaleFactor = orderCount / ORDERS_PER_SCALE_FACTOR;
    this.customers = Math.max(3, Math.round(scaleFactor * 150_000));
    this.parts = Math.max(1, Math.round(scaleFactor * 200_000));
    this.suppliers = Math.max(1, Math.round(scaleFactor * 10_000));
    this.clerks = Math.max(1, Math.round(scaleFactor * 1_000));
  }

  /** @return how many orders this generator makes */
  public long orderCount() {
    return orderCount;
  }

  /**
   * TPC-H keys are sparse: only the first 8 of every 32 keys are used (dbgen's {@code
   * mk_sparse}: 1–7, 32–39, 64–71, ...; scale factor 1 ends at 6,000,000).
   *
   * @param index the order's index, from 0
   * @return its o_orderkey
   */
  public static long orderKey(long index) {
    long n = index + 1;
    return ((n >>> 3) << 5) + (n & 7);
  }

  /**
   * @param index the order's index, from 0 to {@link #orderCount()} − 1
   * @return the order with its 1–7 line items
   */
  public Order order(long index) {
    SplittableRandom random = new SplittableRandom(mix(seed, index));
    long orderKey = orderKey(index);
    LocalDate orderDate = TpchRules.START_DATE.plusDays(random.nextInt(ORDER_DATE_RANGE));
    int lineCount = random.nextInt(1, 8);
    List<LineItem> items = new ArrayList<>(lineCount);
    for (int line = 1; line <= lineCount; line++) {
      items.add(lineItem(random, orderKey, line, orderDate));
    }
    return new Order(orderKey, customerKey(random), TpchRules.orderStatus(items),
        TpchRules.totalPrice(items), orderDate, pick(random, TpchRules.PRIORITIES),
        String.format("Clerk#%09d", random.nextLong(1, clerks + 1)), 0,
        TpchText.comment(random, 19, 78), items);
  }

  private LineItem lineItem(SplittableRandom random, long orderKey, int lineNumber,
      LocalDate orderDate) {
    long partKey = random.nextLong(1, parts + 1);
    // L_SUPPKEY: one of the part's four suppliers (PS_SUPPKEY's formula).
    int supplier = random.nextInt(4);
    long suppKey = (partKey + supplier * (suppliers / 4 + (partKey - 1) / suppliers)) % suppliers + 1;
    BigDecimal quantity = BigDecimal.valueOf(random.nextInt(1, 51) * 100L, 2);
    LocalDate shipDate = orderDate.plusDays(random.nextInt(1, 122));
    LocalDate commitDate = orderDate.plusDays(random.nextInt(30, 91));
    LocalDate receiptDate = shipDate.plusDays(random.nextInt(1, 31));
    String returnFlag = receiptDate.isAfter(TpchRules.CURRENT_DATE) ? "N"
        : random.nextBoolean() ? "R" : "A";
    return new LineItem(orderKey, partKey, suppKey, lineNumber, quantity,
        TpchRules.extendedPrice(partKey, quantity), HUNDREDTHS[random.nextInt(0, 11)],
        HUNDREDTHS[random.nextInt(0, 9)], returnFlag, TpchRules.lineStatus(shipDate), shipDate,
        commitDate, receiptDate, pick(random, TpchRules.SHIP_INSTRUCTIONS),
        pick(random, TpchRules.SHIP_MODES), TpchText.comment(random, 10, 43));
  }

  /** O_CUSTKEY: TPC-H leaves every third customer without orders. */
  private long customerKey(SplittableRandom random) {
    long key;
    do {
      key = random.nextLong(1, customers + 1);
    } while (key % 3 == 0);
    return key;
  }

  private static String pick(SplittableRandom random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** A well-spread stream seed per (seed, index) (the finaliser of SplitMix64). */
  private static long mix(long seed, long index) {
    long z = seed * 0x9E3779B97F4A7C15L + index;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
