package dev.lakebase.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Renders a results directory written by {@code run.sh}: reads the JMH JSON files (any {@code
 * .json} below {@code jmh/}; several runs of the same benchmark are combined), the extra metrics
 * (below {@code extras/}) and the machine description ({@code machine.txt}), and writes {@code RESULTS.md} with one table of ratios per scenario, the design
 * targets, and one chart per scenario ({@code <scenario>.png}).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.lakebase.benchmarks.report.RenderResults DIR}.
 * Exits with status 1 when the directory holds no valid result, so a broken run fails its script.
 */
public final class RenderResults {

  static final List<Scenario> SCENARIOS = List.of(
      new PoolCycleScenario("connection-cycle", "1. Connection cycle", "ConnectionCycleBenchmark",
          "8 threads borrow a connection from a pool of 32 and return it at once (HikariCP-benchmark"
              + "'s ConnectionBench), stub driver. The same pool, configured identically, pools"
              + " the bare stub (baseline) or `LakebaseDataSource` over the stub.",
          Optional.of(0.98)),
      new PoolCycleScenario("statement-cycle", "2. Statement cycle", "StatementCycleBenchmark",
          "8 threads each hold a pooled connection and create, execute and close a statement"
              + " (HikariCP-benchmark's StatementBench), stub driver.",
          Optional.empty()),
      new PhysicalConnectScenario(),
      new ContentionScenario(),
      new ColdStartScenario(),
      new SpikeScenario(),
      R2dbcScenario.connect(),
      R2dbcScenario.pool());

  private RenderResults() {}

  /**
   * Renders the directory given as the only argument.
   *
   * @param args the results directory
   */
  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("Usage: RenderResults <results directory>");
      System.exit(2);
    }
    try {
      List<Path> written = render(Path.of(args[0]));
      written.forEach(p -> System.out.println("Wrote " + p));
    } catch (IOException | IllegalStateException e) {
      System.err.println("Could not render the results: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Renders a results directory.
   *
   * @param dir the directory
   * @return the files written
   * @throws IOException if a file cannot be read or written
   * @throws IllegalStateException if the directory holds no valid result
   */
  static List<Path> render(Path dir) throws IOException {
    List<JmhResult> results = readResults(dir.resolve("jmh"));
    ExtraSet extras = ExtraSet.read(dir.resolve("extras"));
    List<Path> written = new ArrayList<>();
    List<TargetCheck> targets = new ArrayList<>();
    StringBuilder sections = new StringBuilder();
    for (Scenario scenario : SCENARIOS) {
      List<JmhResult> mine = results.stream()
          .filter(r -> r.benchmarkClass().equals(scenario.benchmarkClass()))
          .toList();
      if (mine.isEmpty()) {
        continue;
      }
      Section section = scenario.render(mine, extras);
      targets.addAll(section.targets());
      sections.append("\n## ").append(scenario.title()).append("\n\n")
          .append(section.markdown());
      if (section.chart().filter(c -> !c.getSeriesMap().isEmpty()).isPresent()) {
        Path png = dir.resolve(scenario.id() + ".png");
        Charts.save(section.chart().get(), png);
        written.add(png);
        sections.append("\n![").append(scenario.title()).append("](").append(scenario.id())
            .append(".png)\n");
      }
    }
    Path markdown = dir.resolve("RESULTS.md");
    Files.writeString(markdown, document(dir, targets, sections.toString()));
    written.add(0, markdown);
    return written;
  }

  private static List<JmhResult> readResults(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("no JMH results: " + dir + " does not exist");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    List<JmhResult> results = new ArrayList<>();
    for (Path f : files) {
      results.addAll(JmhResult.read(f));
    }
    results = JmhResult.mergeRounds(results);
    if (results.isEmpty()) {
      throw new IllegalStateException("no JMH results (*.json) in " + dir);
    }
    for (JmhResult r : results) {
      if (!(r.score() > 0) || Double.isInfinite(r.score())) {
        throw new IllegalStateException(r.benchmark() + " " + r.params()
            + " has no valid score (" + r.score() + ")");
      }
    }
    return results;
  }

  private static String document(Path dir, List<TargetCheck> targets, String sections)
      throws IOException {
    StringBuilder md = new StringBuilder("# Lakebase SDK benchmark results\n\n");
    md.append("Rendered ")
        .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE))
        .append(" by `RenderResults` from the JMH results in `jmh/`. Every ratio"
            + " compares with a baseline measured in the same run. ± is JMH's 99.9 % confidence"
            + " half-width (ratios: propagated from both measurements).\n");
    Path machine = dir.resolve("machine.txt");
    if (Files.exists(machine)) {
      md.append("\n## Machine and run\n\n```\n").append(Files.readString(machine).strip())
          .append("\n```\n");
    }
    if (!targets.isEmpty()) {
      MarkdownTable table = new MarkdownTable("design target", "measured", "met");
      targets.forEach(t -> table.row(t.target(), t.measured(), t.met() ? "yes" : "**NO**"));
      md.append("\n## Design targets\n\n").append(table);
    }
    return md.append(sections).toString();
  }
}
