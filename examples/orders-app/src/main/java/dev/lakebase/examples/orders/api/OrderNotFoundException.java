package dev.lakebase.examples.orders.api;

/** No order has the requested key: answered with 404. */
public class OrderNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param orderKey the key asked for */
  public OrderNotFoundException(long orderKey) {
    super("Order " + orderKey + " does not exist");
  }
}
