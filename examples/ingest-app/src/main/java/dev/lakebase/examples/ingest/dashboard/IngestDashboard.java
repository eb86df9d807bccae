package dev.lakebase.examples.ingest.dashboard;

import dev.lakebase.examples.ingest.write.TableStatus;
import dev.lakebase.examples.ingest.write.TableWriter;
import dev.lakebase.examples.ingest.write.TableWriters;
import dev.lakebase.jdbc.CredentialStatus;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.PoolStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The live page of the ingest app ({@code /dashboard/}): rows per second per table, buffer fill,
 * flushes, acknowledgements, and the newest CSV imports with their progress, from {@code
 * /dashboard/api/state}. Always answers 200 while the app runs (a database hiccup shows as a
 * note in the imports panel).
 */
@Controller
class IngestDashboard {

  private static final Logger log = LoggerFactory.getLogger(IngestDashboard.class);
  static final int IMPORTS = 8;

  private final TableWriters writers;
  private final IngestTraffic traffic;
  private final RecentImports imports;
  private final LakebasePooledDataSource pool;
  private final TableRates rates = new TableRates();

  IngestDashboard(TableWriters writers, IngestTraffic traffic, JdbcTemplate jdbc,
      LakebasePooledDataSource pool) {
    this.writers = writers;
    this.traffic = traffic;
    this.imports = new RecentImports(jdbc);
    this.pool = pool;
  }

  /** The page's collectors, registered before the requests they count. */
  @Configuration(proxyBeanMethods = false)
  static class Collectors {
    @Bean
    IngestTraffic dashboardIngestTraffic() {
      return new IngestTraffic();
    }
  }

  @GetMapping({"/", "/dashboard", "/dashboard/"})
  String page() {
    return "redirect:/dashboard/index.html";
  }

  @GetMapping("/dashboard/api/state")
  @ResponseBody
  Map<String, Object> state() {
    long now = System.currentTimeMillis();
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("now", Instant.ofEpochMilli(now));
    List<Map<String, Object>> tables = new ArrayList<>();
    for (TableWriter writer : writers.all()) {
      TableStatus s = writer.status();
      TableRates.Rate rate = rates.sample(s.table(), now, s.rowsCommitted() + s.rowsDuplicate(),
          s.rowsAccepted());
      IngestTraffic.Counts answers = traffic.counts(s.table());
      Map<String, Object> t = new LinkedHashMap<>();
      t.put("table", s.table());
      t.put("target", s.target());
      t.put("state", s.state());
      t.put("rowsPerSecond", rate.committedPerSecond());
      t.put("acceptedPerSecond", rate.acceptedPerSecond());
      t.put("bufferDepth", s.bufferDepth());
      t.put("bufferCapacity", s.bufferCapacity());
      t.put("rowsAccepted", s.rowsAccepted());
      t.put("rowsCommitted", s.rowsCommitted());
      t.put("rowsDuplicate", s.rowsDuplicate());
      t.put("rowsRejected", s.rowsRejected());
      t.put("flushes", s.batchesCommitted());
      t.put("retries", s.retries());
      t.put("lastFlushAt", s.lastFlushAt());
      t.put("lastError", s.lastError() == null ? null : s.lastError().message());
      t.put("acks", answers.acked());
      t.put("buffered", answers.buffered());
      t.put("backpressure", answers.backpressure());
      t.put("invalid", answers.invalid());
      t.put("flushRequests", answers.flushes());
      tables.add(t);
    }
    state.put("tables", tables);
    try {
      state.put("imports", imports.newest(IMPORTS));
    } catch (DataAccessException e) {
      log.debug("Import tasks unavailable for the live page", e);
      state.put("importsError", "import tasks unavailable for a moment ("
          + e.getMostSpecificCause().getClass().getSimpleName() + ")");
    }
    PoolStats p = pool.stats();
    CredentialStatus c = pool.lakebaseDataSource().credentialStatus();
    state.put("pool", Map.of("active", p.active(), "idle", p.idle(), "pending", p.pending(),
        "max", p.max()));
    Map<String, Object> credential = new LinkedHashMap<>();
    credential.put("target", c.target());
    credential.put("identity", c.identity().orElse(null));
    credential.put("secondsToExpiry", c.timeToExpiry().map(Duration::toSeconds).orElse(null));
    credential.put("mints", c.mints());
    state.put("credential", credential);
    return state;
  }
}
