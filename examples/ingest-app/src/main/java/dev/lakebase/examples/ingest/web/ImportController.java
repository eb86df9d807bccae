package dev.lakebase.examples.ingest.web;

import dev.lakebase.examples.ingest.imports.ImportService;
import dev.lakebase.examples.ingest.imports.ImportTask;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /import/{table}} and {@code GET /tasks/{id}}. */
@RestController
public class ImportController {

  private final ImportService imports;

  /**
   * @param imports the import service
   */
  public ImportController(ImportService imports) {
    this.imports = imports;
  }

  /**
   * Accepts a CSV file (raw body, header line first) for a background import.
   *
   * @param table the table key
   * @param body the file, streamed to disk
   * @return 202 with the PENDING task and its URL in {@code Location}
   * @throws IOException when the upload cannot be read or spooled
   */
  @PostMapping(path = "/import/{table}",
      consumes = {"text/csv", "text/plain", "application/octet-stream"})
  public ResponseEntity<ImportTask> importCsv(@PathVariable String table, InputStream body)
      throws IOException {
    ImportTask task = imports.submit(table, body);
    return ResponseEntity.accepted().location(URI.create("/tasks/" + task.id())).body(task);
  }

  /**
   * @param id the task id
   * @return the task
   */
  @GetMapping("/tasks/{id}")
  public ImportTask task(@PathVariable UUID id) {
    return imports.task(id).orElseThrow(() -> new UnknownTaskException(id));
  }
}
