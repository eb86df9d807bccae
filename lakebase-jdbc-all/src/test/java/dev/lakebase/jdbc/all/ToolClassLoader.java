package dev.lakebase.jdbc.all;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Driver;
import java.util.ServiceLoader;

/**
 * What a generic JDBC tool (DBeaver, DataGrip, SQuirreL) does with a driver: a class loader over
 * the driver's files only, whose parent is the platform class loader (no application classes),
 * and the driver found through {@code META-INF/services/java.sql.Driver}.
 */
final class ToolClassLoader {

  /** The all-in-one jar the build just made (set by the failsafe configuration). */
  static Path allJar() {
    Path jar = Path.of(System.getProperty("lakebase.allJar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist: run the tests with mvn verify");
    }
    return jar;
  }

  /** This module's target directory (the tests' working directory is not the module's). */
  static Path buildDirectory() {
    return Path.of(System.getProperty("lakebase.buildDirectory"));
  }

  /**
   * The jar plus a folder holding {@link LoopbackResolver} (copied from the test classes), as a
   * user would add a second file to the driver's libraries.
   */
  static URLClassLoader withResolver(Path scratch) {
    try {
      String entry = LoopbackResolver.class.getName().replace('.', '/') + ".class";
      Path target = scratch.resolve(entry);
      Files.createDirectories(target.getParent());
      try (var in = LoopbackResolver.class.getClassLoader().getResourceAsStream(entry)) {
        Files.copy(in, target);
      }
      return new URLClassLoader("tool-driver", new URL[] {url(allJar()), url(scratch)},
          ClassLoader.getPlatformClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Driver lakebaseDriver(ClassLoader loader) {
    for (Driver d : ServiceLoader.load(Driver.class, loader)) {
      if (d.getClass().getName().equals("dev.lakebase.jdbc.LakebaseDriver")) {
        return d;
      }
    }
    throw new AssertionError("no dev.lakebase.jdbc.LakebaseDriver in META-INF/services");
  }

  private static URL url(Path p) throws MalformedURLException {
    return p.toUri().toURL();
  }

  private ToolClassLoader() {}
}
