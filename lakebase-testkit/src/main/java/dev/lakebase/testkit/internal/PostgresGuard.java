package dev.lakebase.testkit.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded PostgreSQL from outliving the JVM that started it, and recovers a data
 * directory left behind by a JVM that died.
 *
 * <p><b>Watchdog.</b> PostgreSQL is started by {@code pg_ctl}, which detaches it (its parent becomes
 * PID 1), so nothing stops it when the JVM is killed with SIGKILL or crashes. After the server is
 * up, we start a tiny {@code sh} child whose stdin is a pipe from this JVM; it blocks in {@code
 * read}. The kernel closes the pipe when the JVM dies, however it dies, so {@code read} returns at
 * once (no polling, no PID-reuse race on the JVM's PID); the watchdog then asks the recorded
 * postmaster (after checking that {@code postmaster.pid} still names it) to shut down fast
 * (SIGINT), escalates to SIGQUIT/SIGKILL if it hangs, and deletes a temporary data directory. On a
 * normal close the JVM writes {@code release} and the watchdog exits without touching anything. It
 * ignores SIGINT/SIGHUP, so Ctrl-C in a terminal (sent to the whole process group) cannot kill it
 * before the JVM's own shutdown has run. Windows has no {@code sh}: the record below still applies.
 *
 * <p><b>Record.</b> Next to PostgreSQL's own {@code postmaster.pid}, the data directory holds
 * {@value #RECORD}: this JVM's PID, the postmaster's PID and the data directory. At start, a
 * directory whose {@code postmaster.pid} names a live process is either provably ours (the record
 * names that same postmaster and this directory, and the JVM that wrote it is gone): we stop it and
 * go on; or not: the start fails at once, naming the PID and the directory, instead of waiting for a
 * {@code pg_ctl start} that can never succeed.
 */
public final class PostgresGuard implements AutoCloseable {

  /** The record file's name inside the data directory. */
  public static final String RECORD = "lakebase-emulator.pid";

  /** Internal switch for tests that need to leave an orphan behind (default true). */
  static final String WATCHDOG_PROPERTY = "lakebase.emulator.watchdog";

  private static final Logger log = LoggerFactory.getLogger(PostgresGuard.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private static final String SCRIPT = """
      trap '' INT HUP
      d="$1"; expected="$2"; temporary="$3"
      IFS= read -r line
      [ "$line" = release ] && exit 0
      pid=$(head -n 1 "$d/postmaster.pid" 2>/dev/null)
      if [ "$pid" = "$expected" ]; then
        kill -INT "$pid" 2>/dev/null
        i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
        kill -QUIT "$pid" 2>/dev/null
        i=0; while kill -0 "$pid" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done
        kill -KILL "$pid" 2>/dev/null
      fi
      [ "$temporary" = temporary ] && rm -rf "$d"
      exit 0
      """;

  private final Process watchdog;

  private PostgresGuard(Process watchdog) {
    this.watchdog = watchdog;
  }

  /** @return the parent of this emulator's temporary data directories */
  static Path temporaryRoot() {
    return Path.of(System.getProperty("java.io.tmpdir"), "lakebase-emulator-pg");
  }

  /**
   * Creates a fresh temporary data directory, after stopping and deleting those that JVMs which
   * died left behind (normally the watchdog already did; this covers a watchdog that was killed
   * too, or a JVM that died between starting PostgreSQL and starting the watchdog).
   *
   * @return a new, empty directory
   * @throws IOException if it cannot be created
   */
  public static Path newTemporaryDirectory() throws IOException {
    Path root = temporaryRoot();
    Files.createDirectories(root);
    try (Stream<Path> dirs = Files.list(root)) {
      for (Path dir : dirs.toList()) {
        sweep(dir);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("Could not sweep {}: {}", root, e.toString());
    }
    return Files.createTempDirectory(root, "pg-");
  }

  private static void sweep(Path dir) {
    Optional<Properties> record = readRecord(dir);
    if (record.isEmpty() || ownerAlive(record.get())) {
      return; // still in use, or being set up by a live JVM (no record yet)
    }
    try {
      claim(dir);
      deleteTree(dir);
      log.info("Removed the temporary data directory {} left behind by a JVM that died", dir);
    } catch (RuntimeException e) {
      log.debug("Left {} alone: {}", dir, e.getMessage());
    }
  }

  /**
   * Makes sure no other server holds {@code dataDirectory}: stops one that a dead emulator
   * provably left behind, fails naming the PID and directory otherwise.
   *
   * @param dataDirectory the data directory about to be started
   * @throws IllegalStateException if a server this emulator cannot prove it started holds it
   */
  public static void claim(Path dataDirectory) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    Optional<Long> pid = postmasterPid(dir);
    if (pid.isEmpty()) {
      return;
    }
    Optional<ProcessHandle> running = ProcessHandle.of(pid.get()).filter(ProcessHandle::isAlive);
    if (running.isEmpty()) {
      return; // a stale postmaster.pid: PostgreSQL itself copes with that
    }
    Optional<Properties> record = readRecord(dir);
    String why;
    if (record.isEmpty()) {
      why = "there is no " + RECORD + " from this emulator";
    } else if (!pid.get().toString().equals(record.get().getProperty("postmasterPid"))
        || !dir.toString().equals(record.get().getProperty("dataDirectory"))) {
      why = "the " + RECORD + " in it names another server (PID "
          + record.get().getProperty("postmasterPid") + ")";
    } else if (ownerAlive(record.get())) {
      throw new IllegalStateException("data directory " + dir + " is in use by the emulator of the running"
          + " process " + record.get().getProperty("ownerPid") + " (PostgreSQL PID " + pid.get()
          + "): close that emulator or choose another data directory");
    } else {
      stop(running.get(), dir);
      return;
    }
    throw new IllegalStateException("data directory " + dir + " is held by a running PostgreSQL server"
        + " (PID " + pid.get() + ") that this emulator cannot prove it started (" + why + "): stop it,"
        + " for example with 'pg_ctl stop -D " + dir + "' or 'kill " + pid.get() + "', or choose"
        + " another data directory");
  }

  private static void stop(ProcessHandle postmaster, Path dir) {
    log.warn("Stopping the PostgreSQL server (PID {}) that a previous emulator left running on {}",
        postmaster.pid(), dir);
    signal("INT", postmaster.pid()); // fast shutdown: in-flight transactions roll back, data stays
    if (!awaitExit(postmaster, STOP_WAIT)) {
      signal("QUIT", postmaster.pid()); // immediate: crash recovery on the next start
      if (!awaitExit(postmaster, STOP_WAIT)) {
        throw new IllegalStateException("the orphaned PostgreSQL server (PID " + postmaster.pid()
            + ") on " + dir + " did not stop within " + STOP_WAIT.multipliedBy(2).toSeconds()
            + " s: stop it by hand ('kill -9 " + postmaster.pid() + "')");
      }
    }
  }

  /**
   * Records the running server and starts its watchdog.
   *
   * @param dataDirectory the server's data directory
   * @param temporary whether the watchdog should delete the directory after stopping the server
   * @return the guard to close (after PostgreSQL has stopped) when the emulator shuts down
   */
  public static PostgresGuard attach(Path dataDirectory, boolean temporary) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    long pid = postmasterPid(dir).orElseThrow(
        () -> new IllegalStateException("PostgreSQL is up but " + dir + "/postmaster.pid is missing"));
    writeRecord(dir, pid);
    Process watchdog = null;
    if (!Boolean.parseBoolean(System.getProperty(WATCHDOG_PROPERTY, "true"))) {
      log.debug("PostgreSQL watchdog disabled by -D{}=false", WATCHDOG_PROPERTY);
    } else if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
      log.debug("No PostgreSQL watchdog on Windows: a crashed JVM's server is stopped at the next start");
    } else {
      try {
        watchdog = new ProcessBuilder("sh", "-c", SCRIPT, "lakebase-pg-watchdog", dir.toString(),
            Long.toString(pid), temporary ? "temporary" : "kept")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
      } catch (IOException e) {
        log.warn("No PostgreSQL watchdog ({}): a server left by a crash is stopped at the next start"
            + " on this data directory", e.toString());
      }
    }
    return new PostgresGuard(watchdog);
  }

  /** Tells the watchdog that PostgreSQL was stopped normally; it exits without acting. */
  @Override
  public void close() {
    if (watchdog == null) {
      return;
    }
    try (OutputStream in = watchdog.getOutputStream()) {
      in.write("release\n".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      log.debug("Watchdog already gone: {}", e.toString());
    }
    try {
      if (!watchdog.waitFor(2, TimeUnit.SECONDS)) {
        watchdog.destroyForcibly();
      }
    } catch (InterruptedException e) {
      watchdog.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @param dir a data directory
   * @return the PID on the first line of its {@code postmaster.pid}, if any
   */
  static Optional<Long> postmasterPid(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | NumberFormatException e) {
      log.debug("Unreadable postmaster.pid in {}: {}", dir, e.toString());
      return Optional.empty();
    }
  }

  private static void writeRecord(Path dir, long postmasterPid) {
    Properties p = new Properties();
    p.setProperty("ownerPid", Long.toString(ProcessHandle.current().pid()));
    p.setProperty("postmasterPid", Long.toString(postmasterPid));
    p.setProperty("dataDirectory", dir.toString());
    Path tmp = dir.resolve(RECORD + ".tmp");
    try {
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "Written by the Lakebase emulator; lets a later start stop this server if its JVM died");
      }
      Files.move(tmp, dir.resolve(RECORD), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + dir.resolve(RECORD), e);
    }
  }

  private static Optional<Properties> readRecord(Path dir) {
    try (Reader r = Files.newBufferedReader(dir.resolve(RECORD), StandardCharsets.UTF_8)) {
      Properties p = new Properties();
      p.load(r);
      return Optional.of(p);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean ownerAlive(Properties record) {
    try {
      long owner = Long.parseLong(record.getProperty("ownerPid", ""));
      return ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void signal(String name, long pid) {
    try {
      new ProcessBuilder("kill", "-s", name, Long.toString(pid)).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy); // no kill(1): SIGTERM, smart shutdown
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration wait) {
    try {
      process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    } catch (Exception e) {
      return !process.isAlive();
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.debug("Could not delete {}: {}", dir, e.toString());
    }
  }
}
