package dev.lakebase.jdbc;

import java.util.Locale;

/**
 * When the shared credential cache refreshes a credential ahead of its expiry ({@code
 * refreshStrategy}).
 */
public enum RefreshStrategy {
  /**
   * A daemon thread refreshes {@code refreshAhead} before expiry, so in steady state no connect
   * waits on a mint (the default).
   */
  BACKGROUND("background"),
  /**
   * No refresh between connects and no scheduler thread: a connect that finds the credential
   * inside {@code refreshAhead} mints a new one (single-flight, other connects join it) and keeps
   * the current one if that mint fails while it is still valid. For platforms that throttle the
   * CPU between requests (serverless containers, Cloud Run), where a background timer misfires.
   */
  LAZY("lazy");

  private final String value;

  RefreshStrategy(String value) {
    this.value = value;
  }

  /**
   * The configuration value.
   *
   * @return {@code background} or {@code lazy}
   */
  public String value() {
    return value;
  }

  /**
   * Parses a strategy, case-insensitively.
   *
   * @param text the value
   * @return the strategy
   * @throws LakebaseConfigException naming {@code refreshStrategy} if the value is unknown
   */
  public static RefreshStrategy parse(String text) {
    String v = text.trim().toLowerCase(Locale.ROOT);
    for (RefreshStrategy s : values()) {
      if (s.value.equals(v)) {
        return s;
      }
    }
    throw new LakebaseConfigException("refreshStrategy",
        "refreshStrategy '" + text + "' is not supported: use background (default) or lazy");
  }
}
