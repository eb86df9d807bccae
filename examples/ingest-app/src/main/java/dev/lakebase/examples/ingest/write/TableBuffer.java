package dev.lakebase.examples.ingest.write;

import dev.lakebase.examples.ingest.table.StagedRow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded buffer of one table. Rows are numbered in acceptance order; they count against the
 * capacity until their batch is committed (or rejected), so a writer stuck on a failing database
 * holds the buffer full and new requests wait (then are refused) rather than queue without
 * bound. A request is taken whole or not at all.
 *
 * <p>Backpressure: a request that does not fit waits, up to a bound, until committed batches make
 * room, so clients are slowed down to the writer's pace instead of being answered 429 and
 * backing off for a whole {@code Retry-After} (which left the writer idle: fire-and-forget
 * clients got a fraction of the throughput of acknowledged ones).
 */
final class TableBuffer {

  /** Outcome of {@link #offer}. */
  enum Offer { ACCEPTED, FULL, CLOSED }

  /** A buffered row, with its number and its request's receipt. */
  record PendingRow(long sequence, long acceptedAtNanos, StagedRow row, Receipt receipt) {}

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<PendingRow> queued = new ArrayDeque<>();
  private int inFlight;
  private long lastAccepted;
  private long lastTaken;
  private long lastDone;
  private long flushThrough;
  private boolean closed;
  private int highWater;
  private long delayed;

  TableBuffer(int capacity) {
    this.capacity = capacity;
  }

  int capacity() {
    return capacity;
  }

  Offer offer(List<StagedRow> rows, Receipt receipt) {
    try {
      return offer(rows, receipt, Duration.ZERO);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // not reached: no wait without room to wait for
      return Offer.FULL;
    }
  }

  /**
   * @param rows the rows of one request
   * @param receipt its receipt
   * @param maxWait longest wait for room when the rows do not fit now
   * @return ACCEPTED, FULL after {@code maxWait}, or CLOSED
   * @throws InterruptedException when the waiting thread is interrupted
   */
  Offer offer(List<StagedRow> rows, Receipt receipt, Duration maxWait) throws InterruptedException {
    long wait = maxWait.toNanos();
    lock.lock();
    try {
      boolean counted = false;
      while (!closed && queued.size() + inFlight + rows.size() > capacity) {
        if (wait <= 0 || rows.size() > capacity) {
          return Offer.FULL;
        }
        if (!counted) {
          delayed++;
          counted = true;
        }
        wait = changed.awaitNanos(wait);
      }
      if (closed) {
        return Offer.CLOSED;
      }
      long now = System.nanoTime();
      for (StagedRow row : rows) {
        queued.add(new PendingRow(++lastAccepted, now, row, receipt));
      }
      highWater = Math.max(highWater, queued.size() + inFlight);
      changed.signalAll();
      return Offer.ACCEPTED;
    } finally {
      lock.unlock();
    }
  }

  /** @return the deepest the buffer has been */
  int highWater() {
    lock.lock();
    try {
      return highWater;
    } finally {
      lock.unlock();
    }
  }

  /** @return requests that had to wait for room */
  long delayed() {
    lock.lock();
    try {
      return delayed;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the next batch: {@code batchSize} rows, or fewer once the oldest has waited {@code
   * flushInterval}, a flush asked for it, or the buffer is closing.
   *
   * @return the batch, or null when the buffer is closed and empty
   */
  List<PendingRow> take(int batchSize, Duration flushInterval) throws InterruptedException {
    lock.lock();
    try {
      while (queued.isEmpty()) {
        if (closed) {
          return null;
        }
        changed.await();
      }
      long due = queued.peekFirst().acceptedAtNanos() + flushInterval.toNanos();
      long wait;
      while (queued.size() < batchSize && !closed && flushThrough <= lastTaken
          && (wait = due - System.nanoTime()) > 0) {
        changed.awaitNanos(wait);
      }
      List<PendingRow> batch = new ArrayList<>(Math.min(batchSize, queued.size()));
      while (batch.size() < batchSize && !queued.isEmpty()) {
        batch.add(queued.poll());
      }
      inFlight += batch.size();
      lastTaken = batch.get(batch.size() - 1).sequence();
      return batch;
    } finally {
      lock.unlock();
    }
  }

  /** The batch is committed or rejected: its rows leave the buffer. */
  void done(List<PendingRow> batch) {
    lock.lock();
    try {
      inFlight -= batch.size();
      lastDone = batch.get(batch.size() - 1).sequence();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Asks for every row accepted so far to be written without waiting for its flush interval.
   *
   * @return the number of the last of those rows
   */
  long requestFlush() {
    lock.lock();
    try {
      flushThrough = Math.max(flushThrough, lastAccepted);
      changed.signalAll();
      return lastAccepted;
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return true when every row up to {@code sequence} is done, false when the time ran out
   */
  boolean awaitDone(long sequence, Duration timeout) throws InterruptedException {
    long wait = timeout.toNanos();
    lock.lock();
    try {
      while (lastDone < sequence) {
        if (wait <= 0) {
          return false;
        }
        wait = changed.awaitNanos(wait);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new rows; the rows already in are still handed out. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * @return rows accepted and not yet committed or rejected
   */
  int depth() {
    lock.lock();
    try {
      return queued.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }
}
