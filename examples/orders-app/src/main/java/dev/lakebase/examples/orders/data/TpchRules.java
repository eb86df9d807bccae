package dev.lakebase.examples.orders.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * The TPC-H value rules shared by the sample data generator and the API (TPC-H specification,
 * clause 4.2.3), so a generated order and one created through the API obey the same arithmetic.
 */
public final class TpchRules {

  /** TPC-H's STARTDATE: the first order date. */
  public static final LocalDate START_DATE = LocalDate.of(1992, 1, 1);
  /** TPC-H's CURRENTDATE: line items shipped after it are still open. */
  public static final LocalDate CURRENT_DATE = LocalDate.of(1995, 6, 17);
  /** TPC-H's ENDDATE minus 151 days: the last order date. */
  public static final LocalDate LAST_ORDER_DATE = LocalDate.of(1998, 8, 2);
  /** Order priorities. */
  public static final List<String> PRIORITIES =
      List.of("1-URGENT", "2-HIGH", "3-MEDIUM", "4-NOT SPECIFIED", "5-LOW");
  /** Shipping instructions. */
  public static final List<String> SHIP_INSTRUCTIONS =
      List.of("DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN");
  /** Shipping modes. */
  public static final List<String> SHIP_MODES =
      List.of("REG AIR", "AIR", "RAIL", "SHIP", "TRUCK", "MAIL", "FOB");
  /** Order statuses: all line items shipped (F), none (O), some (P). */
  public static final List<String> ORDER_STATUSES = List.of("F", "O", "P");

  private TpchRules() {}

  /**
   * P_RETAILPRICE = (90000 + ((partkey / 10) mod 20001) + 100 × (partkey mod 1000)) / 100.
   *
   * @param partKey the part
   * @return its retail price
   */
  public static BigDecimal retailPrice(long partKey) {
    return BigDecimal.valueOf(90_000 + ((partKey / 10) % 20_001) + 100 * (partKey % 1000), 2);
  }

  /**
   * @param partKey the part
   * @param quantity how many
   * @return L_EXTENDEDPRICE = quantity × the part's retail price
   */
  public static BigDecimal extendedPrice(long partKey, BigDecimal quantity) {
    return retailPrice(partKey).multiply(quantity).setScale(2, RoundingMode.HALF_UP);
  }

  /**
   * @param shipDate when the line item ships
   * @return L_LINESTATUS: O if it ships after {@link #CURRENT_DATE}, else F
   */
  public static String lineStatus(LocalDate shipDate) {
    return shipDate.isAfter(CURRENT_DATE) ? "O" : "F";
  }

  /**
   * @param items an order's line items
   * @return O_ORDERSTATUS: F if every line status is F, O if every one is O, else P
   */
  public static String orderStatus(List<LineItem> items) {
    boolean allF = items.stream().allMatch(item -> "F".equals(item.lineStatus()));
    boolean allO = items.stream().allMatch(item -> "O".equals(item.lineStatus()));
    return allF ? "F" : allO ? "O" : "P";
  }

  /**
   * @param items an order's line items
   * @return O_TOTALPRICE = sum of extendedprice × (1 + tax) × (1 − discount), to the cent
   */
  public static BigDecimal totalPrice(List<LineItem> items) {
    BigDecimal total = BigDecimal.ZERO;
    for (LineItem item : items) {
      total = total.add(item.extendedPrice()
          .multiply(BigDecimal.ONE.add(item.tax()))
          .multiply(BigDecimal.ONE.subtract(item.discount())));
    }
    return total.setScale(2, RoundingMode.HALF_UP);
  }
}
