package dev.lakebase.examples.orders.demo;

import dev.lakebase.examples.orders.generator.SampleDataLoader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Makes the users in {@code orders.demo-users} users of the app at start-up, after the sample
 * data: members of {@code orders_users} (the V3 migration's grants) and owners of a share of
 * the orders that nobody owns yet ({@code o_orderkey % 997}), so that {@code /me/orders} has
 * something to show. Runs as the app's service principal; idempotent.
 *
 * <p>The embedded default lists its demo users here and in its emulator (each with the PAT
 * {@code dapi-emulator-<local part>}). The emulator makes every identity a superuser, which
 * would bypass row-level security; as a superuser itself there, the app takes that away from
 * the demo users. Against a real workspace, list users whose roles exist (Lakebase creates a
 * user's role when you add it in the workspace).
 */
@Component
@DependsOnDatabaseInitialization
public class DemoUsers implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);
  private static final int SHARE = 997;

  private final DataSource dataSource;
  private final List<String> users;

  /**
   * @param dataSource the app's (service principal) DataSource
   * @param users {@code orders.demo-users}
   * @param sampleData loaded first, so the users get orders
   */
  public DemoUsers(DataSource dataSource, @Value("${orders.demo-users:}") List<String> users,
      SampleDataLoader sampleData) {
    this.dataSource = dataSource;
    this.users = users.stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
  }

  @Override
  public void afterPropertiesSet() throws SQLException {
    if (users.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      boolean superuser = isSuperuser(c, "current_user");
      for (int i = 0; i < users.size(); i++) {
        String user = users.get(i);
        if (!roleExists(c, user)) {
          log.warn("Demo user {} has no database role: skipped", user);
          continue;
        }
        try (Statement st = c.createStatement()) {
          String role = quote(user);
          if (superuser && isSuperuser(c, user)) {
            st.execute("ALTER ROLE " + role + " NOSUPERUSER");
          }
          st.execute("GRANT orders_users TO " + role);
          st.execute("SET LOCAL orders.audit = 'off'");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE orders SET o_owner = ?"
            + " WHERE o_owner IS NULL AND o_orderkey % " + SHARE + " = ?"
            + " AND NOT EXISTS (SELECT 1 FROM orders WHERE o_owner = ?)")) {
          ps.setString(1, user);
          ps.setInt(2, i + 1);
          ps.setString(3, user);
          int owned = ps.executeUpdate();
          if (owned > 0) {
            log.info("Demo user {} owns {} orders (GET /me/orders with its token in"
                + " X-Forwarded-Access-Token)", user, owned);
          }
        }
      }
      c.commit();
    }
  }

  private static boolean roleExists(Connection c, String role) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
      ps.setString(1, role);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  private static boolean isSuperuser(Connection c, String roleExpression) throws SQLException {
    String sql = "current_user".equals(roleExpression)
        ? "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        : "SELECT rolsuper FROM pg_roles WHERE rolname = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (!"current_user".equals(roleExpression)) {
        ps.setString(1, roleExpression);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
