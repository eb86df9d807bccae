package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.examples.ingest.table.StagedRow;
import dev.lakebase.examples.ingest.table.TableCatalog;
import dev.lakebase.examples.ingest.write.StagedCopy;
import dev.lakebase.testkit.EmulatedCompute;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Sessions dropped under the writers (as Lakebase does when it suspends or recycles a compute)
 * make batches fail mid-way; they are retried and no row is lost or written twice.
 */
class SessionDropTest extends IngestAppTestSupport {

  @Autowired
  DataSource dataSource;

  @Autowired
  TableCatalog catalog;

  @Test
  void rowsOfBatchesCutByDroppedSessionsAreWrittenExactlyOnce() throws Exception {
    EmulatedCompute endpoint = emulator.defaultEndpoint();
    String device = device();
    long retriesBefore = api.get("/health/sensor_readings").json().get("retries").asLong();
    List<UUID> acknowledged = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger otherAnswers = new AtomicInteger();

    ScheduledExecutorService chaos = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger drops = new AtomicInteger();
    chaos.scheduleWithFixedDelay(() -> {
      // Mostly killed sessions; every fourth time the whole compute suspends (and wakes on the
      // next login after the emulator configuration's realistic wake delay).
      if (drops.incrementAndGet() % 4 == 0) {
        endpoint.suspend();
      } else {
        endpoint.killSessionsOlderThan(Duration.ZERO);
      }
    }, 100, 150, TimeUnit.MILLISECONDS);
    ExecutorService clients = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int client = 0; client < 4; client++) {
        running.add(clients.submit(() -> {
          for (int request = 0; request < 30; request++) {
            List<UUID> ids = new ArrayList<>();
            Api.Answer answer = api.post("/ingest/sensor_readings?wait_for_ack=true",
                Records.readings(device, 10, ids));
            if (answer.status() == 200) {
              acknowledged.addAll(ids);
            } else {
              otherAnswers.incrementAndGet();
            }
          }
          return null;
        }));
      }
      for (Future<?> client : running) {
        client.get(120, TimeUnit.SECONDS);
      }
    } finally {
      chaos.shutdownNow();
      clients.shutdownNow();
      endpoint.wake();
    }

    assertThat(drops.get()).isGreaterThan(3);
    assertThat(api.get("/health/sensor_readings").json().get("retries").asLong())
        .as("dropped sessions failed batches that were then retried").isGreaterThan(retriesBefore);
    assertThat(otherAnswers.get()).as("every request is committed within ack-timeout").isZero();
    assertThat(acknowledged).hasSize(4 * 30 * 10);
    Map<UUID, Long> rows = db.rowsPerIngestId("ingest.sensor_readings", acknowledged);
    assertThat(rows).containsOnlyKeys(acknowledged).allSatisfy((id, n) -> assertThat(n).isOne());
    assertThat(db.readings(device)).isEqualTo(acknowledged.size());
  }

  /** The case a retry must survive: the commit went through, but its answer was lost. */
  @Test
  void aBatchWrittenAgainAfterItsCommitInsertsNothing() throws Exception {
    StagedCopy copy = new StagedCopy(catalog.table("sensor_readings"));
    String device = device();
    List<StagedRow> batch = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      batch.add(new StagedRow(UUID.randomUUID(),
          new String[] {device, "20." + i, null, "row " + i, null}));
    }

    assertThat(writeInOneTransaction(copy, batch)).isEqualTo(50);
    assertThat(writeInOneTransaction(copy, batch)).isZero();
    assertThat(new Db(emulator.adminDataSource()).readings(device)).isEqualTo(50);
  }

  private long writeInOneTransaction(StagedCopy copy, List<StagedRow> rows) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (StagedCopy.Sink sink = copy.open(connection)) {
        for (StagedRow row : rows) {
          sink.write(row);
        }
        long inserted = sink.finish();
        connection.commit();
        return inserted;
      }
    }
  }
}
