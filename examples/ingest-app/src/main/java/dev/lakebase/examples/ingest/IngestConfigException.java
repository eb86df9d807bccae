package dev.lakebase.examples.ingest;

/**
 * An ingest setting that cannot work, e.g. a configured table that does not exist. Stops the
 * startup; {@link IngestConfigFailureAnalyzer} names the property to fix.
 */
public final class IngestConfigException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String property;

  /**
   * @param property the property to fix, e.g. {@code ingest.tables.orders.table}
   * @param message what is wrong and how to fix it
   */
  public IngestConfigException(String property, String message) {
    super(message);
    this.property = property;
  }

  /**
   * @return the property to fix
   */
  public String property() {
    return property;
  }
}
