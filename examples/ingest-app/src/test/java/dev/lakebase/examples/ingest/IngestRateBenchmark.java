package dev.lakebase.examples.ingest;

import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Measures the ingest rate (rows/s) through {@code POST /ingest} with the batching COPY writer
 * against single-row transactions (the same path with {@code batch-size: 1}) and plain
 * single-row JDBC INSERTs, on the emulator (LakebaseEmulatorConfiguration + embedded PostgreSQL, TLS proxy),
 * all in one run on the same machine. Not a test: run {@code scripts/measure-ingest.sh}.
 *
 * <p>Arguments: {@code [clients] [rows per scenario]}, default 8 and 8000.
 */
public final class IngestRateBenchmark {

  private final Api api;
  private final DataSource dataSource;
  private final int clients;

  private IngestRateBenchmark(Api api, DataSource dataSource, int clients) {
    this.api = api;
    this.dataSource = dataSource;
    this.clients = clients;
  }

  /**
   * @param args {@code [clients] [rows per scenario]}
   * @throws Exception when a scenario fails
   */
  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 8;
    int rows = args.length > 1 ? Integer.parseInt(args[1]) : 8000;
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(IngestApplication.class, LakebaseEmulatorConfiguration.class)
        .run("--server.port=0", "--logging.level.root=WARN",
            "--ingest.tables.bench_batched.table=ingest.sensor_readings",
            "--ingest.tables.bench_batched.batch-size=1000",
            "--ingest.tables.bench_batched.flush-interval=20ms",
            "--ingest.tables.bench_batched.buffer-capacity=100000",
            "--ingest.tables.bench_single.table=ingest.sensor_readings",
            "--ingest.tables.bench_single.batch-size=1",
            "--ingest.tables.bench_single.buffer-capacity=100000",
            "--spring.datasource.hikari.maximum-pool-size=" + (clients + 4))) {
      IngestRateBenchmark benchmark = new IngestRateBenchmark(
          new Api(((WebServerApplicationContext) app).getWebServer().getPort()),
          app.getBean(DataSource.class), clients);
      benchmark.run(rows);
    }
  }

  private void run(int rows) throws Exception {
    System.out.printf("%d client threads, %d rows per scenario, %s, %d CPUs%n%n", clients, rows,
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    // Warm-up: JIT, pool, TLS sessions.
    post("bench_batched", 1, false, 2000);
    post("bench_single", 1, false, 500);
    jdbcInserts(500);

    System.out.println("| scenario | rows | seconds | rows/s |");
    System.out.println("|---|---:|---:|---:|");
    // The single-row writer commits ~100x slower: fewer rows keep the run short.
    int few = Math.max(clients, rows / 4);
    report("POST /ingest, 100 rows/request, 202, batching writer (COPY, batch <= 1000)",
        () -> post("bench_batched", 100, false, rows * 5));
    report("POST /ingest, 100 rows/request, 202, single-row transactions (batch-size 1)",
        () -> post("bench_single", 100, false, few));
    report("POST /ingest, 1 row/request, 202, batching writer",
        () -> post("bench_batched", 1, false, rows));
    report("POST /ingest, 1 row/request, 202, single-row transactions",
        () -> post("bench_single", 1, false, few));
    report("POST /ingest, 1 row/request, wait_for_ack=true, batching writer",
        () -> post("bench_batched", 1, true, rows));
    report("JDBC INSERT, 1 row per autocommit statement, no HTTP (baseline)",
        () -> jdbcInserts(rows));
  }

  private void report(String scenario, Callable<Integer> work) throws Exception {
    long start = System.nanoTime();
    int rows = work.call();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %,.0f |%n", scenario, rows, seconds,
        rows / seconds);
  }

  /**
   * Posts about {@code rows} rows from all clients, then flushes: the time covers the commits.
   *
   * @return the rows posted
   */
  private int post(String table, int rowsPerRequest, boolean waitForAck, int rows)
      throws Exception {
    String device = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    String path = "/ingest/" + table + (waitForAck ? "?wait_for_ack=true" : "");
    int requests = Math.max(1, rows / rowsPerRequest / clients);
    inParallel(() -> {
      for (int i = 0; i < requests; i++) {
        Api.Answer answer = api.post(path, Records.readings(device, rowsPerRequest));
        if (answer.status() != (waitForAck ? 200 : 202)) {
          throw new IllegalStateException(answer.toString());
        }
      }
      return null;
    });
    Api.Answer flushed = api.post("/flush/" + table, "");
    if (flushed.status() != 200) {
      throw new IllegalStateException(flushed.toString());
    }
    return requests * rowsPerRequest * clients;
  }

  private int jdbcInserts(int rows) throws Exception {
    String device = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    int perClient = rows / clients;
    inParallel(() -> {
      try (Connection connection = dataSource.getConnection();
          PreparedStatement insert = connection.prepareStatement("INSERT INTO"
              + " ingest.sensor_readings (ingest_id, device, temperature, humidity, description)"
              + " VALUES (?, ?, ?, 40.5, 'test reading')")) {
        for (int i = 0; i < perClient; i++) {
          insert.setObject(1, UUID.randomUUID());
          insert.setString(2, device);
          insert.setDouble(3, 20 + i % 10);
          insert.executeUpdate();
        }
      }
      return null;
    });
    return perClient * clients;
  }

  private void inParallel(Callable<Void> client) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Void>> running = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        running.add(pool.submit(client));
      }
      for (Future<Void> future : running) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
  }
}
