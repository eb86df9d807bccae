package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.Durations;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Standalone mode: {@code java -jar lakebase-testkit-standalone.jar [--port N]
 * [--workspace-port N] [--token-lifetime 1h]} starts an emulator, prints how to connect and runs
 * until Ctrl-C.
 */
public final class Main {

  private static final String USAGE =
      "usage: java -jar lakebase-testkit-standalone.jar [--port N] [--workspace-port N] [--token-lifetime 1h]";

  private Main() {
  }

  /**
   * Starts the emulator and blocks until the JVM is stopped.
   *
   * @param args {@code --port N}, {@code --workspace-port N}, {@code --token-lifetime DURATION}
   */
  public static void main(String[] args) {
    // slf4j-simple (standalone jar only): keep the console to what matters unless told otherwise.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    LakebaseEmulator.Builder builder;
    try {
      builder = parse(List.of(args));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    LakebaseEmulator emulator = builder.start(); // closes itself on Ctrl-C (its shutdown hook)
    System.out.println(describe(emulator));
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Reads the command line into a builder.
   *
   * @param args the arguments
   * @return the configured builder
   * @throws IllegalArgumentException naming the bad argument
   */
  static LakebaseEmulator.Builder parse(List<String> args) {
    LakebaseEmulator.Builder builder = LakebaseEmulator.builder();
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException("Lakebase emulator: local fake workspace API + PostgreSQL proxy");
      }
      if (i + 1 >= args.size()) {
        throw new IllegalArgumentException("missing value for " + option);
      }
      String value = args.get(++i);
      switch (option) {
        case "--port" -> builder.postgresPort(port(value, option));
        case "--workspace-port" -> builder.workspacePort(port(value, option));
        case "--token-lifetime" -> builder.tokenLifetime(Durations.parse(value, option));
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return builder;
  }

  private static int port(String value, String option) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a port number, got '" + value + "'");
    }
  }

  /**
   * Formats what standalone mode prints for a running emulator.
   *
   * @param emulator a running emulator
   * @return the text: workspace URL, identity, computes with their direct ports, and the default
   *     target's settings for each client ({@link ClientSettings#print()}), secrets included
   */
  public static String describe(LakebaseEmulator emulator) {
    ClientSettings settings = emulator.connectionSettings();
    StringBuilder out = new StringBuilder();
    out.append("Lakebase emulator is running (Ctrl-C to stop)\n\n");
    out.append("Workspace API   ").append(emulator.workspaceUrl()).append('\n');
    out.append("Identity        ").append(settings.user()).append('\n');
    out.append("Token lifetime  ").append(emulator.tokenLifetime()).append('\n');
    out.append("CA certificate  ").append(emulator.caCertificatePath()).append("\n\n");
    out.append("Computes: each on its own port of ").append(emulator.host())
        .append(" (direct), and all on port ").append(emulator.port())
        .append(" routed by TLS SNI (their host names resolve only through the emulator):\n");
    for (EmulatedCompute c : emulator.computes()) {
      String kind = c.kind() == EmulatedCompute.Kind.AUTOSCALING_ENDPOINT
          ? (c.readOnly() ? "endpoint (READ_ONLY) " : "endpoint (READ_WRITE)") : "instance             ";
      out.append("  ").append(kind).append("  ").append(c.name()).append('\n')
          .append("      direct ").append(emulator.host()).append(':').append(c.directPort())
          .append("   host ").append(c.host())
          .append("   read-only ").append(emulator.host()).append(':')
          .append(c.readOnlyDirectPort()).append(" (").append(c.readOnlyHost()).append(")\n");
    }
    out.append('\n').append(settings.print());
    return out.toString();
  }
}
