package dev.lakebase.pool;

import dev.lakebase.jdbc.LakebaseConfigException;
import java.util.Locale;

/** The connection pool library behind a {@link LakebasePooledDataSource}. */
public enum PoolType {
  /** HikariCP, the default: the most widely used JDBC pool, with native Spring Boot support. */
  HIKARI,
  /** Vibur DBCP: an alternative with its own feature set; this module enforces the lifetime. */
  VIBUR;

  /**
   * Parses a pool type: {@code hikari} (or {@code hikaricp}) and {@code vibur} (or {@code
   * vibur-dbcp}), case-insensitive.
   *
   * @param text the value, e.g. of {@code pool.type}
   * @return the type
   * @throws LakebaseConfigException naming {@code pool.type} and listing the valid values
   */
  public static PoolType parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (value) {
      case "hikari", "hikaricp" -> HIKARI;
      case "vibur", "vibur-dbcp", "viburdbcp" -> VIBUR;
      default -> throw new LakebaseConfigException("pool.type",
          "pool.type '" + text + "' is not a supported pool: use hikari (the default) or vibur");
    };
  }
}
