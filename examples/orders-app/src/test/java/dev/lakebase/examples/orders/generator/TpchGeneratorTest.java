package dev.lakebase.examples.orders.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.examples.orders.data.LineItem;
import dev.lakebase.examples.orders.data.Order;
import dev.lakebase.examples.orders.data.TpchRules;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The generator alone (pure logic): TPC-H's value rules over many orders. */
class TpchGeneratorTest {

  private static final int ORDERS = 20_000;
  private final TpchGenerator generator = new TpchGenerator(ORDERS, 7);

  @Test
  void keysUseTheFirstEightOfEveryThirtyTwo() {
    assertThat(LongStream.range(0, 10).map(TpchGenerator::orderKey).toArray())
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 32, 33, 34);
    assertThat(TpchGenerator.orderKey(1_499_999)).isEqualTo(6_000_000);
  }

  @Test
  void sameSeedSameOrdersWhateverTheOrderOfGeneration() {
    TpchGenerator again = new TpchGenerator(ORDERS, 7);
    assertThat(again.order(12_345)).isEqualTo(generator.order(12_345));
    assertThat(again.order(0)).isEqualTo(generator.order(0));
    assertThat(new TpchGenerator(ORDERS, 8).order(0)).isNotEqualTo(generator.order(0));
    assertThat(generator.order(1)).isNotEqualTo(generator.order(0));
  }

  @Test
  void everyOrderFollowsTheRules() {
    Set<String> priorities = new HashSet<>();
    Set<String> statuses = new HashSet<>();
    Set<Integer> lineCounts = new HashSet<>();
    long customers = ORDERS / 10;
    for (long i = 0; i < ORDERS; i++) {
      Order order = generator.order(i);
      List<LineItem> items = order.lineItems();
      assertThat(order.orderKey()).isEqualTo(TpchGenerator.orderKey(i));
      assertThat(order.orderDate()).isBetween(TpchRules.START_DATE, TpchRules.LAST_ORDER_DATE);
      assertThat(order.custKey()).isBetween(1L, customers).matches(key -> key % 3 != 0);
      assertThat(order.clerk()).matches("Clerk#0000000(0[1-9]|1[0-3])"); // 13 clerks here
      assertThat(order.comment().length()).isBetween(19, 78);
      assertThat(order.orderStatus()).isEqualTo(TpchRules.orderStatus(items));
      assertThat(order.totalPrice()).isEqualTo(TpchRules.totalPrice(items));
      for (int n = 0; n < items.size(); n++) {
        LineItem item = items.get(n);
        assertThat(item.lineNumber()).isEqualTo(n + 1);
        assertThat(item.quantity()).isBetween(BigDecimal.ONE, BigDecimal.valueOf(50));
        assertThat(item.discount()).isBetween(BigDecimal.ZERO, new BigDecimal("0.10"));
        assertThat(item.tax()).isBetween(BigDecimal.ZERO, new BigDecimal("0.08"));
        assertThat(item.extendedPrice())
            .isEqualTo(TpchRules.retailPrice(item.partKey()).multiply(item.quantity())
                .setScale(2));
        assertThat(item.shipDate()).isBetween(order.orderDate().plusDays(1),
            order.orderDate().plusDays(121));
        assertThat(item.commitDate()).isBetween(order.orderDate().plusDays(30),
            order.orderDate().plusDays(90));
        assertThat(item.receiptDate()).isBetween(item.shipDate().plusDays(1),
            item.shipDate().plusDays(30));
        assertThat(item.lineStatus()).isEqualTo(
            item.shipDate().isAfter(TpchRules.CURRENT_DATE) ? "O" : "F");
        assertThat(item.returnFlag()).isIn(
            item.receiptDate().isAfter(TpchRules.CURRENT_DATE) ? List.of("N") : List.of("R", "A"));
        assertThat(item.comment().length()).isBetween(10, 43);
        assertThat(item.comment()).doesNotContain("\t", "\n", "\\");
      }
      priorities.add(order.orderPriority());
      statuses.add(order.orderStatus());
      lineCounts.add(items.size());
    }
    assertThat(priorities).containsExactlyInAnyOrderElementsOf(TpchRules.PRIORITIES);
    assertThat(statuses).containsExactlyInAnyOrder("F", "O", "P");
    assertThat(lineCounts).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
  }

  @Test
  void rules() {
    // TPC-H: part 1 retails at (90000 + 0 + 100) / 100.
    assertThat(TpchRules.retailPrice(1)).isEqualTo(new BigDecimal("901.00"));
    assertThat(TpchRules.retailPrice(155_190)).isEqualTo(new BigDecimal("1245.19"));
    LineItem shipped = item("F", "1000.00", "0.10", "0.08");
    LineItem open = item("O", "200.00", "0.00", "0.00");
    assertThat(TpchRules.orderStatus(List.of(shipped, shipped))).isEqualTo("F");
    assertThat(TpchRules.orderStatus(List.of(open))).isEqualTo("O");
    assertThat(TpchRules.orderStatus(List.of(shipped, open))).isEqualTo("P");
    // 1000 × 1.08 × 0.90 + 200 = 1172.00
    assertThat(TpchRules.totalPrice(List.of(shipped, open))).isEqualTo(new BigDecimal("1172.00"));
    assertThat(TpchRules.lineStatus(LocalDate.of(1995, 6, 17))).isEqualTo("F");
    assertThat(TpchRules.lineStatus(LocalDate.of(1995, 6, 18))).isEqualTo("O");
  }

  @Test
  void commentsAreTextOfTheRequestedLength() {
    Set<String> seen = new LinkedHashSet<>();
    var random = new java.util.SplittableRandom(1);
    for (int i = 0; i < 1000; i++) {
      String comment = TpchText.comment(random, 10, 43);
      assertThat(comment.length()).isBetween(10, 43);
      assertThat(comment).doesNotEndWith(" ").matches("[A-Za-z .-]+");
      seen.add(comment);
    }
    assertThat(seen).hasSizeGreaterThan(990);
  }

  @Test
  void scaleMustBePositive() {
    assertThatThrownBy(() -> new SampleDataProperties(0, SampleDataProperties.Load.NEVER, 1))
        .hasMessageContaining("orders.data.scale");
  }

  private static LineItem item(String status, String price, String discount, String tax) {
    LocalDate date = LocalDate.of(1995, 1, 1);
    return new LineItem(1, 1, 1, 1, BigDecimal.ONE, new BigDecimal(price),
        new BigDecimal(discount), new BigDecimal(tax), "N", status, date, date, date, "NONE",
        "AIR", "");
  }
}
