package dev.lakebase.liquibase;

import dev.lakebase.jdbc.LakebaseDriver;
import liquibase.database.DatabaseConnection;
import liquibase.database.core.PostgresDatabase;

/**
 * Names {@link LakebaseDriver} for {@code jdbc:lakebase:} URLs. Liquibase asks every registered
 * database for the default driver of a URL it was given without {@code driver=}; only this answer
 * is used. Once connected, Liquibase picks its database by the product name, which is PostgreSQL:
 * this class never claims a connection, so changelogs run on Liquibase's own PostgreSQL support
 * ({@code dbms="postgresql"} conditions included).
 */
public class LakebaseDatabase extends PostgresDatabase {

  private static final LakebaseDriver DRIVER = new LakebaseDriver();

  /** Called by Liquibase's service locator. */
  public LakebaseDatabase() {}

  @Override
  public String getShortName() {
    return "lakebase";
  }

  /**
   * The Lakebase driver for the URLs it accepts (not the other Lakebase driver's {@code
   * jdbc:lakebase:Server=...;} URLs).
   *
   * @param url the JDBC URL
   * @return {@code dev.lakebase.jdbc.LakebaseDriver}, or {@code null} for other URLs
   */
  @Override
  public String getDefaultDriver(String url) {
    return url != null && DRIVER.acceptsURL(url) ? LakebaseDriver.class.getName() : null;
  }

  /**
   * Never: a connection is PostgreSQL to Liquibase.
   *
   * @param conn the connection
   * @return {@code false}
   */
  @Override
  public boolean isCorrectDatabaseImplementation(DatabaseConnection conn) {
    return false;
  }
}
