package dev.lakebase.examples.ingest.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.lakebase.examples.ingest.table.StagedRow;
import dev.lakebase.examples.ingest.write.TableBuffer.Offer;
import dev.lakebase.examples.ingest.write.TableBuffer.PendingRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The buffer's accounting (pure logic; the writer around it is tested end to end). */
class TableBufferTest {

  private static final Duration NEVER = Duration.ofHours(1);

  private static List<StagedRow> rows(int n) {
    List<StagedRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(new StagedRow(UUID.randomUUID(), new String[0]));
    }
    return rows;
  }

  @Test
  void requestsAreTakenWholeAndRowsCountUntilTheirBatchIsDone() throws Exception {
    TableBuffer buffer = new TableBuffer(10);
    assertThat(buffer.offer(rows(6), new Receipt(6))).isEqualTo(Offer.ACCEPTED);
    assertThat(buffer.offer(rows(5), new Receipt(5))).as("whole or nothing").isEqualTo(Offer.FULL);
    assertThat(buffer.offer(rows(4), new Receipt(4))).isEqualTo(Offer.ACCEPTED);

    List<PendingRow> batch = buffer.take(8, NEVER);
    assertThat(batch).hasSize(8).extracting(PendingRow::sequence).startsWith(1L).endsWith(8L);
    assertThat(buffer.depth()).as("in flight still counts").isEqualTo(10);
    assertThat(buffer.offer(rows(1), new Receipt(1))).isEqualTo(Offer.FULL);

    buffer.done(batch);
    assertThat(buffer.depth()).isEqualTo(2);
    assertThat(buffer.offer(rows(8), new Receipt(8))).isEqualTo(Offer.ACCEPTED);
  }

  @Test
  void aFullBatchOrAFlushIsTakenAtOnceAndTheFlushWaitsForItsRows() throws Exception {
    TableBuffer buffer = new TableBuffer(100);
    buffer.offer(rows(3), new Receipt(3));
    buffer.offer(rows(3), new Receipt(3));
    assertThat(buffer.take(6, NEVER)).as("a full batch does not wait").hasSize(6);

    buffer.offer(rows(2), new Receipt(2));
    long target = buffer.requestFlush();
    assertThat(target).isEqualTo(8);
    List<PendingRow> flushed = buffer.take(100, NEVER);
    assertThat(flushed).as("a flush does not wait for the interval").hasSize(2);
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return buffer.awaitDone(target, Duration.ofSeconds(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(buffer.awaitDone(target, Duration.ofMillis(1))).isFalse();
    buffer.done(flushed);
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aClosedBufferRefusesRowsButHandsOutWhatItHolds() throws Exception {
    TableBuffer buffer = new TableBuffer(100);
    buffer.offer(rows(5), new Receipt(5));
    buffer.close();
    assertThat(buffer.offer(rows(1), new Receipt(1))).isEqualTo(Offer.CLOSED);
    assertThat(buffer.take(100, NEVER)).as("closing does not wait either").hasSize(5);
    assertThat(buffer.take(100, NEVER)).as("closed and empty").isNull();
  }

  @Test
  void aReceiptSettlesWhenEveryRowIsCommittedOrRefused() throws Exception {
    Receipt receipt = new Receipt(2);
    receipt.rowCommitted();
    assertThat(receipt.await(Duration.ofMillis(1))).isFalse();
    receipt.rowCommitted();
    assertThat(receipt.await(Duration.ofMillis(1))).isTrue();

    Receipt refused = new Receipt(2);
    refused.rowRejected("row x: bad");
    assertThat(refused.await(Duration.ofMillis(1))).as("the other row is unsettled").isFalse();
    refused.rowCommitted();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.await(Duration.ofSeconds(1)))
        .isInstanceOf(Receipt.RowsRejectedException.class).hasMessageEndingWith("row x: bad");
  }

  @Test
  void requestsFlushedWhileTheWriterIsBusyShareOneBatch() throws Exception {
    // Group commit: a flush request makes take() return at once, without the (here 1 h) flush
    // interval, and everything queued while the writer was busy goes into one batch.
    TableBuffer buffer = new TableBuffer(100);
    for (int i = 0; i < 5; i++) {
      assertThat(buffer.offer(rows(1), new Receipt(1))).isEqualTo(Offer.ACCEPTED);
      buffer.requestFlush();
    }
    assertThat(buffer.take(1000, Duration.ofHours(1))).hasSize(5);
  }

  @Test
  void aFullBufferMakesTheOfferWaitForRoom() throws Exception {
    TableBuffer buffer = new TableBuffer(10);
    buffer.offer(rows(10), new Receipt(10));
    var batch = buffer.take(10, Duration.ZERO);
    // The writer frees room only once the offer is counted as waiting, so the offer must wait.
    Thread writer = new Thread(() -> {
      await().atMost(Duration.ofSeconds(30)).until(() -> buffer.delayed() == 1);
      buffer.done(batch);
    });
    writer.start();
    assertThat(buffer.offer(rows(4), new Receipt(4), Duration.ofSeconds(30))).isEqualTo(Offer.ACCEPTED);
    assertThat(buffer.highWater()).isEqualTo(10);
    assertThat(buffer.delayed()).isOne();
    assertThat(buffer.offer(rows(11), new Receipt(11), Duration.ofSeconds(30)))
        .as("larger than the buffer: refused at once").isEqualTo(Offer.FULL);
    writer.join();
  }
}
