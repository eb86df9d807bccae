package dev.lakebase.jdbc.all;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.LakebaseEmulator;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool user who ran {@code databricks auth login --host <workspace> --profile cli-login}: the
 * CLI wrote a {@code ~/.databrickscfg} profile with {@code auth_type = databricks-cli}, and the SDK
 * asks the CLI for a token ({@code databricks auth token --profile cli-login}) whenever it needs
 * one. The driver needs only {@code databricksProfile}: no token in the tool, no environment
 * variable. The real CLI is not installed here, so a script on PATH answers as it does (its
 * version, and a token: the emulator accepts the user's PAT as an OAuth bearer token).
 * Tools need no extra setting for it: the SDK finds the CLI on PATH.
 */
@EmulatedLakebase
class CliLoginProfileIT {

  private static final String PRIMARY = "projects/demo/branches/main/endpoints/primary";

  private final LakebaseEmulator emulator;

  CliLoginProfileIT(LakebaseEmulator emulator) {
    this.emulator = emulator;
  }

  @Test
  void aProfileFromDatabricksAuthLoginIsAllTheDriverNeeds(@TempDir Path scratch)
      throws Exception {
    emulator.reset();
    Path cli = ToolClassLoader.buildDirectory().resolve("fake-cli/databricks");
    Path calls = ToolClassLoader.buildDirectory().resolve("fake-cli/calls.log");
    Files.createDirectories(cli.getParent());
    Files.deleteIfExists(calls);
    Files.writeString(cli, String.join("\n",
        "#!/bin/sh",
        "# Answers like the Databricks CLI (v0.300) for the two commands the SDK runs.",
        "echo \"$*\" >> '" + calls + "'",
        "case \"$1 $2\" in",
        "  'version --output') echo '{\"Version\":\"0.300.0\",\"Major\":0,\"Minor\":300,\"Patch\":0}' ;;",
        "  'auth token') echo '{\"access_token\":\"" + emulator.patFor(emulator.defaultUser())
            + "\",\"token_type\":\"Bearer\",\"expiry\":\"2099-01-01T00:00:00Z\"}' ;;",
        "  *) echo \"unexpected: $*\" >&2; exit 1 ;;",
        "esac",
        "exit 0",
        // The SDK skips a `databricks` under 1 MiB as the legacy Python CLI; the real one is a
        // large Go binary.
        "# " + "padding ".repeat(140_000),
        ""));
    Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwxr-xr-x"));
    // What `databricks auth login --host <url> --profile cli-login` writes.
    Path config = Path.of(System.getenv("DATABRICKS_CONFIG_FILE"));
    Files.writeString(config, "[cli-login]\nhost      = " + emulator.workspaceUrl()
        + "\nauth_type = databricks-cli\n");

    try (URLClassLoader loader = ToolClassLoader.withResolver(scratch)) {
      Driver driver = ToolClassLoader.lakebaseDriver(loader);
      Properties info = new Properties();
      info.setProperty("databricksProfile", "cli-login");
      info.setProperty("port", Integer.toString(emulator.port()));
      info.setProperty("hostResolver", LoopbackResolver.class.getName());
      try (Connection c = driver.connect("jdbc:lakebase:" + PRIMARY, info);
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("select current_user")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo(emulator.defaultUser());
      }
    }
    assertThat(Files.readAllLines(calls)).contains("auth token --profile cli-login --force-refresh");
    assertThat(emulator.counters().mints()).isEqualTo(1);
  }
}
