package dev.lakebase.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.LakebaseEmulator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL does not outlive its JVM, and a data directory held by a server is
 * either recovered (provably ours) or refused at once (naming the PID and the directory).
 */
@DisabledOnOs(OS.WINDOWS) // SIGKILL semantics and the sh watchdog
class PostgresLifecycleTest {

  /** How long a killed JVM's PostgreSQL may survive it: the watchdog's fast shutdown plus slack. */
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @TempDir Path tmp;

  private final List<Process> children = new ArrayList<>();

  @AfterEach
  void killChildren() {
    children.forEach(Process::destroyForcibly);
  }

  @Test
  void killedJvmLeavesNoPostgresAndTheKeptDirectoryRestarts() throws Exception {
    Path dir = tmp.resolve("data");
    Process child = startChild(dir.toString(), true);
    long postgres = PostgresGuard.postmasterPid(dir).orElseThrow();
    assertThat(ProcessHandle.of(postgres)).isPresent();

    child.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

    awaitGone(postgres);
    try (LakebaseEmulator emulator = LakebaseEmulator.builder().dataDirectory(dir).start()) {
      assertThat(selectOne(emulator)).isEqualTo(1);
    }
  }

  @Test
  void killedJvmLeavesNoPostgresAndNoTemporaryDirectory() throws Exception {
    Process child = startChild("-", true);
    Path dir = readyDirectory;
    long postgres = PostgresGuard.postmasterPid(dir).orElseThrow();

    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();

    awaitGone(postgres);
    Awaitility.await("the temporary data directory removed").atMost(DEADLINE)
        .until(() -> !Files.exists(dir));
  }

  @Test
  void anOrphanProvablyOursIsStoppedAtTheNextStart() throws Exception {
    Path dir = tmp.resolve("data");
    Process child = startChild(dir.toString(), false); // no watchdog: the orphan stays
    long postgres = PostgresGuard.postmasterPid(dir).orElseThrow();
    child.destroyForcibly();
    assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive)).contains(true);

    try (LakebaseEmulator emulator = LakebaseEmulator.builder().dataDirectory(dir).start()) {
      assertThat(selectOne(emulator)).isEqualTo(1);
      assertThat(ProcessHandle.of(postgres).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
  }

  @Test
  void aForeignServerOnTheDirectoryIsRefusedAtOnceNamingPidAndDirectory() throws Exception {
    Path dir = tmp.resolve("foreign");
    Files.createDirectories(dir);
    try (EmbeddedPostgres foreign = EmbeddedPostgres.builder().setDataDirectory(dir)
        .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
      long pid = PostgresGuard.postmasterPid(dir).orElseThrow();
      long started = System.nanoTime();
      assertThatThrownBy(() -> LakebaseEmulator.builder().dataDirectory(dir).start().close())
          .hasMessageContaining("PID " + pid)
          .hasMessageContaining(dir.toAbsolutePath().toString())
          .hasMessageContaining("cannot prove");
      // "At once": well under zonky's 10 s start timeout that the failure used to take.
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
    }
  }

  private Path readyDirectory;

  private Process startChild(String dataDir, boolean watchdog) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath));
    if (!watchdog) {
      command.add("-D" + PostgresGuard.WATCHDOG_PROPERTY + "=false");
    }
    command.addAll(List.of(EmulatorChild.class.getName(), dataDir));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    children.add(child);
    BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    String line;
    while ((line = out.readLine()) != null && System.nanoTime() < deadline) {
      if (line.startsWith("READY ")) {
        readyDirectory = Path.of(line.substring(6));
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "child-output");
        drain.setDaemon(true);
        drain.start();
        return child;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the child emulator did not start:\n" + seen);
  }

  private static void awaitGone(long pid) {
    Awaitility.await("PostgreSQL PID " + pid + " gone").atMost(DEADLINE)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  private static int selectOne(LakebaseEmulator emulator) throws Exception {
    try (Connection c = emulator.adminDataSource().getConnection(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
