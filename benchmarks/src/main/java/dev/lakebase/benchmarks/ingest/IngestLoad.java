package dev.lakebase.benchmarks.ingest;

import dev.lakebase.benchmarks.support.EmulatorFixture;
import dev.lakebase.testkit.LakebaseEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;

/**
 * Scenario 9, ingest: rows/s into the same table of the same emulator (PostgreSQL 17 behind the
 * TLS proxy, fsync off as on the embedded default) for plain JDBC patterns and for the ingest
 * app's HTTP paths, all in one run and reported as ratios to COPY. The app is the packaged jar,
 * started as a child process and pointed at this process's emulator as at a real workspace; the
 * HTTP load comes from this process, so the load generator and the app are separate JVMs.
 *
 * <p>{@code java -cp benchmarks.jar dev.lakebase.benchmarks.ingest.IngestLoad quick|full APP_JAR OUT_DIR}
 */
public final class IngestLoad {

  private static final String TABLE = "bench.readings";
  private static final String COLUMNS = "ingest_id, device, temperature, humidity, description, recorded_at";

  /** One measured path. */
  record Result(String path, String how, long rows, double seconds, double p50Ms, double p99Ms) {
    double rowsPerSecond() {
      return rows / seconds;
    }
  }

  private final EmulatorFixture fixture;
  private final boolean full;
  private final List<Result> results = new ArrayList<>();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private URI base;

  private IngestLoad(EmulatorFixture fixture, boolean full) {
    this.fixture = fixture;
    this.full = full;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: IngestLoad quick|full APP_JAR OUT_DIR");
      System.exit(2);
    }
    boolean full = args[0].equals("full");
    Path jar = Path.of(args[1]);
    Path out = Path.of(args[2]);
    Files.createDirectories(out);
    String loadBefore = load();
    // One endpoint: the app connects to 127.0.0.1 without SNI and the proxy routes it there.
    try (EmulatorFixture fixture = EmulatorFixture.start(LakebaseEmulator.builder()
        .endpoint("projects/bench/branches/main/endpoints/primary"))) {
      IngestLoad run = new IngestLoad(fixture, full);
      run.createTable();
      run.jdbcBaselines();
      Process app = run.startApp(jar, out.resolve("ingest-app.log"));
      try {
        run.httpPaths();
      } finally {
        app.destroy();
        app.waitFor();
      }
      String table = run.table(loadBefore, load());
      Files.writeString(out.resolve("INGEST.md"), table);
      System.out.println(table);
    }
    System.exit(0);
  }

  private int n(int quick, int fullRun) {
    return full ? fullRun : quick;
  }

  private Connection connect(boolean rewrite) throws SQLException {
    Properties props = new Properties();
    if (rewrite) {
      props.setProperty("reWriteBatchedInserts", "true");
    }
    return fixture.connectWithPgjdbc(fixture.staticToken(), props);
  }

  private void createTable() throws SQLException {
    try (Connection c = connect(false); Statement st = c.createStatement()) {
      st.execute("CREATE SCHEMA IF NOT EXISTS bench");
      // The shape of the ingest app's sample table ingest.sensor_readings.
      st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id bigint GENERATED ALWAYS AS IDENTITY"
          + " PRIMARY KEY, ingest_id uuid NOT NULL UNIQUE, device varchar(64) NOT NULL,"
          + " temperature double precision NOT NULL, humidity real CHECK (humidity BETWEEN 0 AND 100),"
          + " description text, recorded_at timestamptz NOT NULL DEFAULT now())");
    }
  }

  private static String csvLine(int i) {
    return UUID.randomUUID() + ",dev-" + (i % 100) + "," + (20 + i % 10) + ".5,40.5,bench reading,"
        + "2026-11-23T15:00:00Z\n";
  }

  private static String jsonRecord(int i) {
    return "{\"device\":\"dev-" + (i % 100) + "\",\"temperature\":" + (20 + i % 10)
        + ".5,\"humidity\":40.5,\"description\":\"bench reading\",\"recorded_at\":\"2026-11-23T15:00:00Z\"}";
  }

  private void jdbcBaselines() throws Exception {
    // COPY straight into the table, 50,000 rows per transaction: the reference.
    int copyRows = n(200_000, 600_000);
    byte[][] chunks = new byte[copyRows / 50_000][];
    for (int c = 0; c < chunks.length; c++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 50_000; i++) {
        sb.append(csvLine(i));
      }
      chunks[c] = sb.toString().getBytes(StandardCharsets.UTF_8);
    }
    try (Connection c = connect(false)) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (byte[] chunk : chunks) {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TABLE + " (" + COLUMNS
            + ") FROM STDIN (FORMAT csv)", new java.io.ByteArrayInputStream(chunk));
        c.commit();
      }
      record("COPY (pgjdbc CopyManager)", "1 connection, 50,000 rows per transaction", copyRows, t0);
    }

    // The app's idempotent write, in-process: COPY into a session's temp staging table, then
    // INSERT ... SELECT ... ON CONFLICT (ingest_id) DO NOTHING, same transaction. Shows how much
    // of the gap between COPY and the HTTP bulk path is the database's share of idempotency.
    try (Connection c = connect(false); Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE stage ON COMMIT DELETE ROWS AS SELECT " + COLUMNS + " FROM "
          + TABLE + " WITH NO DATA");
      c.setAutoCommit(false);
      chunks = new byte[copyRows / 50_000][];
      for (int k = 0; k < chunks.length; k++) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
          sb.append(csvLine(i));
        }
        chunks[k] = sb.toString().getBytes(StandardCharsets.UTF_8);
      }
      long t0 = System.nanoTime();
      for (byte[] chunk : chunks) {
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY pg_temp.stage (" + COLUMNS
            + ") FROM STDIN (FORMAT csv)", new java.io.ByteArrayInputStream(chunk));
        st.executeUpdate("INSERT INTO " + TABLE + " (" + COLUMNS + ") SELECT " + COLUMNS
            + " FROM pg_temp.stage ON CONFLICT (ingest_id) DO NOTHING");
        c.commit();
      }
      record("COPY via staging table + INSERT ON CONFLICT", "in-process, the app's SQL, 50,000 rows"
          + " per transaction", copyRows, t0);
    }

    int batchRows = n(100_000, 300_000);
    try (Connection c = connect(true); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?::timestamptz)")) {
      c.setAutoCommit(false);
      long t0 = System.nanoTime();
      for (int i = 0; i < batchRows; i++) {
        bind(ps, i);
        ps.addBatch();
        if ((i + 1) % 1000 == 0) {
          ps.executeBatch();
          c.commit();
        }
      }
      record("JDBC batch, reWriteBatchedInserts", "1 connection, 1,000 rows per batch and transaction",
          batchRows, t0);
    }

    int singleRows = n(2_000, 5_000);
    try (Connection c = connect(false); PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?::timestamptz)")) {
      long t0 = System.nanoTime();
      for (int i = 0; i < singleRows; i++) {
        bind(ps, i);
        ps.executeUpdate(); // autocommit: one transaction per row
      }
      record("single-row INSERT per transaction", "1 connection, autocommit", singleRows, t0);
    }
  }

  private static void bind(PreparedStatement ps, int i) throws SQLException {
    ps.setObject(1, UUID.randomUUID());
    ps.setString(2, "dev-" + (i % 100));
    ps.setDouble(3, 20.5 + i % 10);
    ps.setFloat(4, 40.5f);
    ps.setString(5, "bench reading");
    ps.setString(6, "2026-11-23T15:00:00Z");
  }

  private void record(String path, String how, long rows, long startNanos) {
    results.add(new Result(path, how, rows, (System.nanoTime() - startNanos) / 1e9, Double.NaN,
        Double.NaN));
    System.out.printf(Locale.ROOT, "%-45s %,12.0f rows/s%n", path, results.get(results.size() - 1)
        .rowsPerSecond());
  }

  private Process startApp(Path jar, Path log) throws Exception {
    LakebaseEmulator emulator = fixture.emulator();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g", "-jar",
        jar.toString(), "--server.port=" + port, "--lakebase.host=127.0.0.1",
        "--lakebase.port=" + emulator.port(), "--ingest.tables.bench.table=" + TABLE,
        "--logging.level.root=WARN")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("DATABRICKS_") || name.startsWith("LAKEBASE_")
        || name.startsWith("PG"));
    env.put("DATABRICKS_HOST", emulator.workspaceUrl());
    env.put("DATABRICKS_TOKEN", emulator.patFor(emulator.defaultUser()));
    env.put("LAKEBASE_ENDPOINT", emulator.defaultEndpoint().name());
    Process app = builder.start();
    base = URI.create("http://127.0.0.1:" + port);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (true) {
      if (!app.isAlive()) {
        throw new IllegalStateException("the ingest app exited; see " + log);
      }
      try {
        if (send(HttpRequest.newBuilder(base.resolve("/health")).GET().build()).statusCode() == 200) {
          return app;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ingest app did not answer within 3 minutes; see " + log);
      }
      Thread.sleep(250);
    }
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private HttpResponse<String> post(String path, String contentType, byte[] body) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofMinutes(5)).header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(body)).build());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private void httpPaths() throws Exception {
    // Warm the app (JIT, pool, staging tables) outside the measurements.
    byte[] warm = ndjson(20_000);
    for (int i = 0; i < 3; i++) {
      post("/ingest/bench/bulk", "application/x-ndjson", warm);
      post("/ingest/bench?wait_for_ack=true", "application/json", array(500));
    }

    int bodyRows = 50_000;
    int bodies = n(4, 12);
    byte[] nd = ndjson(bodyRows);
    concurrently("HTTP bulk NDJSON into COPY", "POST /ingest/bench/bulk, 2 clients, 50,000 rows per body",
        2, bodies, (long) bodies * bodyRows, () -> post("/ingest/bench/bulk", "application/x-ndjson", nd));

    byte[] csv = csv(bodyRows);
    concurrently("HTTP bulk CSV into COPY", "POST /ingest/bench/bulk, 2 clients, 50,000 rows per body",
        2, bodies, (long) bodies * bodyRows, () -> post("/ingest/bench/bulk", "text/csv", csv));

    int batches = n(120, 400);
    byte[] batch = array(500);
    concurrently("HTTP batches of 500, acknowledged (200)", "8 clients, wait_for_ack=true",
        8, batches, batches * 500L, () -> post("/ingest/bench?wait_for_ack=true", "application/json", batch));

    concurrently("HTTP batches of 500, fire-and-forget (202)", "8 clients, then POST /flush; time includes the flush",
        8, batches, batches * 500L, () -> post("/ingest/bench", "application/json", batch),
        () -> post("/flush/bench", "application/json", new byte[0]));

    int singles = n(1_000, 3_000);
    byte[] one = jsonRecord(1).getBytes(StandardCharsets.UTF_8);
    concurrently("HTTP single record, acknowledged", "1 client, wait_for_ack=true",
        1, singles, singles, () -> post("/ingest/bench?wait_for_ack=true", "application/json", one));
    concurrently("HTTP single record, acknowledged", "8 clients, wait_for_ack=true",
        8, singles, singles, () -> post("/ingest/bench?wait_for_ack=true", "application/json", one));
    concurrently("HTTP single record, fire-and-forget (202)", "8 clients, then POST /flush",
        8, singles, singles, () -> post("/ingest/bench", "application/json", one),
        () -> post("/flush/bench", "application/json", new byte[0]));

    int importRows = n(200_000, 400_000);
    byte[] file = csv(importRows);
    long t0 = System.nanoTime();
    String id = post("/import/bench", "text/csv", file).body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    while (!send(HttpRequest.newBuilder(base.resolve("/tasks/" + id)).GET().build()).body()
        .contains("\"state\":\"SUCCEEDED\"")) {
      Thread.sleep(20);
    }
    record("HTTP CSV import (POST /import, task)", "1 file, until the task is SUCCEEDED", importRows, t0);
  }

  private static byte[] ndjson(int rows) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      sb.append(jsonRecord(i)).append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] csv(int rows) {
    StringBuilder sb = new StringBuilder("device,temperature,humidity,description,recorded_at\n");
    for (int i = 0; i < rows; i++) {
      sb.append("dev-").append(i % 100).append(',').append(20 + i % 10).append(".5,40.5,bench reading,")
          .append("2026-11-23T15:00:00Z\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] array(int rows) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < rows; i++) {
      sb.append(i == 0 ? "" : ",").append(jsonRecord(i));
    }
    return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
  }

  private void concurrently(String path, String how, int clients, int requests, long rows,
      Runnable request, Runnable... after) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    AtomicInteger next = new AtomicInteger();
    long[] latencies = new long[requests];
    long t0 = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      done.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < requests; ) {
          long s = System.nanoTime();
          request.run();
          latencies[i] = System.nanoTime() - s;
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    for (Runnable r : after) {
      r.run();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    Arrays.sort(latencies);
    results.add(new Result(path, how, rows, seconds, latencies[requests / 2] / 1e6,
        latencies[Math.min(requests - 1, (int) (requests * 0.99))] / 1e6));
    Result r = results.get(results.size() - 1);
    System.out.printf(Locale.ROOT, "%-45s %,12.0f rows/s  p50 %.1f ms  p99 %.1f ms (%s)%n", path,
        r.rowsPerSecond(), r.p50Ms(), r.p99Ms(), how);
  }

  private String table(String loadBefore, String loadAfter) {
    double copy = results.get(0).rowsPerSecond();
    StringBuilder md = new StringBuilder();
    md.append("# Ingest scenario (").append(full ? "full" : "quick").append(")\n\n")
        .append("Run ").append(Instant.now()).append(", ").append(Runtime.getRuntime().availableProcessors())
        .append(" cores, load average before ").append(loadBefore).append(", after ").append(loadAfter)
        .append(". Same emulator and table for every row; ratios to COPY of the same run.\n\n")
        .append("| path | how | rows | rows/s | ratio to COPY | request p50 | request p99 |\n")
        .append("|---|---|---:|---:|---:|---:|---:|\n");
    for (Result r : results) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %.2f | %s | %s |%n", r.path(),
          r.how(), r.rows(), r.rowsPerSecond(), r.rowsPerSecond() / copy, ms(r.p50Ms()), ms(r.p99Ms())));
    }
    return md.toString();
  }

  private static String ms(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f ms", value);
  }

  private static String load() {
    try {
      return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
    } catch (IOException e) {
      return "unknown";
    }
  }
}
