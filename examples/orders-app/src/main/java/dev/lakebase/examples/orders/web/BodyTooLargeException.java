package dev.lakebase.examples.orders.web;

import java.io.IOException;

/**
 * A request body went past {@code orders.max-request-body}. An {@link IOException} so that it
 * travels through the JSON parser like any read failure; the exception handler answers 413.
 */
public class BodyTooLargeException extends IOException {

  private static final long serialVersionUID = 1L;

  /** @param limit the limit in bytes */
  public BodyTooLargeException(long limit) {
    super(message(limit));
  }

  /**
   * @param limit the limit in bytes
   * @return the problem detail for a body over it
   */
  public static String message(long limit) {
    return "The request body is larger than the limit of " + limit + " bytes"
        + " (orders.max-request-body)";
  }
}
