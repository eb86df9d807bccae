package dev.lakebase.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** A GitHub-flavoured Markdown table. */
final class MarkdownTable {

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  MarkdownTable(String... headers) {
    this.headers = List.of(headers);
  }

  MarkdownTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          "Row has " + cells.length + " cells for " + headers.size() + " columns");
    }
    rows.add(Arrays.stream(cells).map(String::valueOf).toList());
    return this;
  }

  @Override
  public String toString() {
    StringBuilder md = new StringBuilder(line(headers));
    md.append("|---".repeat(headers.size())).append("|\n");
    rows.forEach(r -> md.append(line(r)));
    return md.toString();
  }

  private static String line(List<String> cells) {
    return cells.stream().map(c -> c.replace("|", "\\|"))
        .collect(Collectors.joining(" | ", "| ", " |\n"));
  }
}
