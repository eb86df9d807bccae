package dev.lakebase.jdbc;

/**
 * A configuration value is missing, malformed or conflicting. The message names the key (and its
 * environment variable when relevant) and says what to set.
 */
public class LakebaseConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The configuration key to fix. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the configuration key to fix
   * @param message what is wrong and what to set
   */
  public LakebaseConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * Creates the exception with a cause.
   *
   * @param key the configuration key to fix
   * @param message what is wrong and what to set
   * @param cause the underlying failure
   */
  public LakebaseConfigException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /**
   * The configuration key to fix.
   *
   * @return e.g. {@code endpoint}
   */
  public String key() {
    return key;
  }
}
