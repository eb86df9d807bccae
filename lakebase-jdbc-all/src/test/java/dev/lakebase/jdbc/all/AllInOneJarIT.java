package dev.lakebase.jdbc.all;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The all-in-one jar as a generic JDBC tool uses it: alone in a class loader of its own, the
 * driver found through {@code META-INF/services}, settings as driver properties.
 */
@EmulatedLakebase
class AllInOneJarIT {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;

  AllInOneJarIT(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @BeforeEach
  void fresh() {
    emulator.reset();
  }

  @Test
  void connectsInAnIsolatedClassLoader(@TempDir Path scratch) throws Exception {
    try (URLClassLoader loader = ToolClassLoader.withResolver(scratch)) {
      Driver driver = ToolClassLoader.lakebaseDriver(loader);
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);

      Properties info = new Properties();
      info.setProperty("port", Integer.toString(emulator.port()));
      info.setProperty("databricksHost", emulator.workspaceUrl());
      info.setProperty("databricksToken", emulator.patFor(emulator.defaultUser()));
      info.setProperty("hostResolver", LoopbackResolver.class.getName());
      try (Connection c = driver.connect("jdbc:lakebase:" + PRIMARY, info);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select current_user, current_setting('server_version')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(emulator.defaultUser());
        assertThat(rs.getString(2)).startsWith("17.");
        // pgjdbc's API is not relocated: applications may unwrap to it.
        assertThat(c.isWrapperFor(loader.loadClass("org.postgresql.PGConnection"))).isTrue();
      }
      assertThat(emulator.counters().mints()).isEqualTo(1);
      assertThat(driver.acceptsURL("jdbc:lakebase:Server=x;Port=5432;")).isFalse();
    }
  }

  @Test
  void listsItsSettingsForAToolsPropertyEditorWithSecretsHidden(@TempDir Path scratch)
      throws Exception {
    try (URLClassLoader loader = ToolClassLoader.withResolver(scratch)) {
      Driver driver = ToolClassLoader.lakebaseDriver(loader);
      Properties given = new Properties();
      given.setProperty("databricksToken", "dapi-should-not-show-0000");
      given.setProperty("databricksProfile", "my-profile");
      DriverPropertyInfo[] listed = driver.getPropertyInfo("jdbc:lakebase:" + PRIMARY, given);
      Map<String, DriverPropertyInfo> byName = Arrays.stream(listed)
          .collect(Collectors.toMap(p -> p.name, p -> p));

      assertThat(byName).containsKeys("endpoint", "port", "database", "user", "sslmode",
          "databricksHost", "databricksProfile", "databricksToken", "databricksClientId",
          "databricksClientSecret", "databricksAuthType", "connectBudget");
      assertThat(byName.get("endpoint").value).isEqualTo(PRIMARY);
      assertThat(byName.get("databricksProfile").value).isEqualTo("my-profile");
      assertThat(byName.get("databricksToken").value).isNull();
      assertThat(byName.get("databricksToken").description).contains("[secret]");
      assertThat(byName.get("databricksClientSecret").description).contains("[secret]");
      assertThat(byName.get("sslmode").choices).contains("require", "verify-full");
    }
  }

  @Test
  void thirdPartyPackagesAreRelocated(@TempDir Path scratch) throws Exception {
    try (URLClassLoader loader = ToolClassLoader.withResolver(scratch)) {
      for (String hidden : new String[] {"com.fasterxml.jackson.databind.ObjectMapper",
          "com.databricks.sdk.WorkspaceClient", "org.apache.http.client.HttpClient",
          "org.slf4j.Logger", "com.google.common.collect.ImmutableList", "org.json.JSONObject"}) {
        assertThatThrownBy(() -> loader.loadClass(hidden)).as(hidden)
            .isInstanceOf(ClassNotFoundException.class);
      }
      assertThat(loader.loadClass("dev.lakebase.jdbc.shaded.jackson.databind.ObjectMapper"))
          .isNotNull();
      assertThat(loader.loadClass("dev.lakebase.jdbc.shaded.databricks.sdk.WorkspaceClient"))
          .isNotNull();
    }
    try (JarFile jar = new JarFile(ToolClassLoader.allJar().toFile())) {
      // The top-level folders of the files (two levels under org/).
      Set<String> topLevel = jar.stream().filter(e -> !e.isDirectory()).map(e -> e.getName())
          .map(n -> {
            String[] parts = n.split("/");
            return parts.length == 1 ? n : parts[0].equals("org") && parts.length > 2
                ? "org/" + parts[1] + "/" : parts[0] + "/";
          })
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(topLevel).as("nothing unrelocated but ours, pgjdbc and resources read by name")
          .containsOnly("META-INF/", "dev/", "org/postgresql/",
              "oauth/",                                    // the SDK's OAuth browser pages
              "mozilla/",                                  // httpclient's public suffix list
              "PropertyList-1.0.dtd", "properties.dtd");   // commons-configuration2
      String drivers = new String(jar.getInputStream(jar.getEntry(
          "META-INF/services/java.sql.Driver")).readAllBytes(), StandardCharsets.UTF_8);
      assertThat(drivers).contains("dev.lakebase.jdbc.LakebaseDriver", "org.postgresql.Driver");
      assertThat(jar.getEntry("META-INF/services/org.flywaydb.core.extensibility.Plugin"))
          .isNotNull();
      assertThat(jar.getEntry("META-INF/services/liquibase.database.Database")).isNotNull();
      assertThat(jar.getEntry("META-INF/services/org.apache.spark.sql.jdbc.JdbcDialect"))
          .isNotNull();
      Manifest manifest = jar.getManifest();
      assertThat(manifest.getMainAttributes().getValue("Main-Class"))
          .isEqualTo("dev.lakebase.jdbc.doctor.LakebaseDoctor");
    }
    long size = Files.size(ToolClassLoader.allJar());
    System.out.printf("all-in-one jar: %s, %,d bytes%n", ToolClassLoader.allJar().getFileName(),
        size);
    assertThat(size).as("kept reasonable").isLessThan(25L * 1024 * 1024);
  }
}
