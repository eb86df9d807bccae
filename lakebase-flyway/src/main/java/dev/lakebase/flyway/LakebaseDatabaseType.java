package dev.lakebase.flyway;

import dev.lakebase.jdbc.LakebaseDriver;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.flywaydb.database.postgresql.PostgreSQLDatabaseType;

/**
 * Lets Flyway open {@code jdbc:lakebase:} URLs. Flyway picks a database type by URL to choose the
 * JDBC driver, and again by the connected database's product name to migrate: this type claims the
 * URLs that {@link LakebaseDriver} accepts (and no others: the other Lakebase driver's {@code
 * jdbc:lakebase:Server=...;} URLs are left alone), names that driver, and leaves the second choice
 * to Flyway's PostgreSQL type, so migrations run exactly as on PostgreSQL.
 *
 * <p>Flyway's user and password stay empty: the driver logs in as the workspace identity with a
 * minted token (a {@code user} set in Flyway overrides the identity; a {@code password} turns
 * minting off).
 */
public class LakebaseDatabaseType extends PostgreSQLDatabaseType {

  /** Secret parameters of {@code jdbc:lakebase:} URLs, masked when Flyway prints a URL. */
  private static final Pattern SECRET_PARAMETERS = Pattern.compile(
      "[?&](?:databricksToken|databricksClientSecret|password)=([^&]*)", Pattern.CASE_INSENSITIVE);

  private static final LakebaseDriver DRIVER = new LakebaseDriver();

  /** Called by Flyway's plugin loader. */
  public LakebaseDatabaseType() {}

  @Override
  public String getName() {
    return "Lakebase";
  }

  @Override
  public List<String> getSupportedEngines() {
    return List.of(getName());
  }

  @Override
  public boolean handlesJDBCUrl(String url) {
    return DRIVER.acceptsURL(url);
  }

  @Override
  public String getDriverClass(String url, ClassLoader classLoader) {
    return LakebaseDriver.class.getName();
  }

  /**
   * Never: once connected, Flyway's PostgreSQL type (matched by the product name) migrates.
   *
   * @param databaseProductName the product name
   * @param databaseProductVersion the version
   * @param connection the connection
   * @return {@code false}
   */
  @Override
  public boolean handlesDatabaseProductNameAndVersion(String databaseProductName,
      String databaseProductVersion, Connection connection) {
    return false;
  }

  /** No user needed: the driver logs in as the workspace identity. */
  @SuppressWarnings("deprecation")
  @Override
  public boolean detectUserRequiredByUrl(String url) {
    return false;
  }

  /** No password needed: the driver mints a token per connect. */
  @SuppressWarnings("deprecation")
  @Override
  public boolean detectPasswordRequiredByUrl(String url) {
    return false;
  }

  /** Flyway's PostgreSQL type would look for a {@code .pgpass} file: tokens are minted instead. */
  @Override
  public boolean externalAuthPropertiesRequired(String url, String username, String password) {
    return false;
  }

  @Override
  public Properties getExternalAuthProperties(String url, String username) {
    return new Properties();
  }

  @Override
  public List<Pattern> getJDBCCredentialsPatterns() {
    List<Pattern> patterns = new ArrayList<>(super.getJDBCCredentialsPatterns());
    patterns.add(SECRET_PARAMETERS);
    return patterns;
  }
}
