package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.LakebaseEmulator;
import java.nio.file.Path;

/**
 * A JVM that runs an emulator until it is killed: {@code EmulatorChild [data-dir|-]}. Prints
 * {@code READY <data dir>} once PostgreSQL is up (the data directory it uses, kept or temporary).
 */
public final class EmulatorChild {

  private EmulatorChild() {}

  public static void main(String[] args) throws Exception {
    LakebaseEmulator.Builder builder = LakebaseEmulator.builder();
    if (args.length > 0 && !args[0].equals("-")) {
      builder.dataDirectory(Path.of(args[0]));
    }
    LakebaseEmulator emulator = builder.start();
    Path dir = args.length > 0 && !args[0].equals("-") ? Path.of(args[0]) : newestTemporary();
    System.out.println("READY " + dir.toAbsolutePath());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
    emulator.close();
  }

  private static Path newestTemporary() throws Exception {
    try (var dirs = java.nio.file.Files.list(PostgresGuard.temporaryRoot())) {
      return dirs.filter(d -> PostgresGuard.postmasterPid(d).isPresent())
          .filter(d -> java.nio.file.Files.exists(d.resolve(PostgresGuard.RECORD)))
          .filter(d -> {
            try {
              return java.nio.file.Files.readString(d.resolve(PostgresGuard.RECORD))
                  .contains("ownerPid=" + ProcessHandle.current().pid() + "\n");
            } catch (java.io.IOException e) {
              return false;
            }
          })
          .findFirst().orElseThrow();
    }
  }
}
