package dev.lakebase.examples.orders.api;

/** A request parameter or body field is invalid: answered with 400 naming the field. */
public class InvalidParameterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The parameter or JSON field, e.g. {@code page_size} or {@code lineitems[0].l_quantity}. */
  private final String field;

  /**
   * @param field the parameter or JSON field
   * @param problem what is wrong, completing "{field} ..."
   */
  public InvalidParameterException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  /** @return the parameter or JSON field */
  public String field() {
    return field;
  }

  /**
   * @param condition must hold
   * @param field the parameter or JSON field
   * @param problem what is wrong when it does not hold
   * @throws InvalidParameterException unless the condition holds
   */
  static void require(boolean condition, String field, String problem) {
    if (!condition) {
      throw new InvalidParameterException(field, problem);
    }
  }
}
