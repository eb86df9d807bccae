package dev.lakebase.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A plain JDBC client in a JVM of its own (started by {@link PrintedSettingsTest}): only a {@code
 * jdbc:postgresql:} URL, a user and a password, as a user would paste them into any JDBC tool.
 */
public final class GenericJdbcClient {

  private GenericJdbcClient() {}

  /**
   * Connects and prints {@code current_user=<role>}.
   *
   * @param args url, user, password
   * @throws Exception when the login fails
   */
  public static void main(String[] args) throws Exception {
    try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select current_user")) {
      rs.next();
      System.out.println("current_user=" + rs.getString(1));
    }
  }
}
