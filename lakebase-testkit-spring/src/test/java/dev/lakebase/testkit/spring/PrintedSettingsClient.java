package dev.lakebase.testkit.spring;

import dev.lakebase.jdbc.LakebaseDataSource;
import dev.lakebase.testkit.spring.demo.DemoApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A client in a JVM of its own (started by {@link PrintedSettingsTest}) that gets nothing but one
 * printed form of the emulator's settings: {@code spring --lakebase.x=y ...} (the starter in an
 * application that knows nothing of the emulator), {@code env} (environment variables only,
 * {@code LakebaseDataSource.fromEnvironment()}) or {@code url <jdbc:lakebase:...>} (the driver
 * through {@code DriverManager}). Prints {@code current_user=<role>}.
 */
public final class PrintedSettingsClient {

  private PrintedSettingsClient() {}

  /**
   * @param args the form, then its settings
   * @throws Exception when the login fails
   */
  public static void main(String[] args) throws Exception {
    String user = switch (args[0]) {
      case "spring" -> {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DemoApplication.class)
            .web(WebApplicationType.NONE).run(Arrays.copyOfRange(args, 1, args.length))) {
          yield app.getBean(JdbcTemplate.class).queryForObject("select current_user", String.class);
        }
      }
      case "env" -> {
        try (LakebaseDataSource ds = LakebaseDataSource.fromEnvironment();
            Connection c = ds.getConnection()) {
          yield currentUser(c);
        }
      }
      case "url" -> {
        try (Connection c = DriverManager.getConnection(args[1])) {
          yield currentUser(c);
        }
      }
      default -> throw new IllegalArgumentException("unknown form " + args[0]);
    };
    System.out.println("current_user=" + user);
    // The SDK's daemon threads would not hold the JVM, but Spring's may: leave at once.
    System.exit(0);
  }

  private static String currentUser(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select current_user")) {
      rs.next();
      return rs.getString(1);
    }
  }
}
