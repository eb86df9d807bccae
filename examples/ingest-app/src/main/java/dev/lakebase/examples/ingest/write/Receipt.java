package dev.lakebase.examples.ingest.write;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The fate of the rows of one request: settled when every row is committed or refused by the
 * database.
 */
public final class Receipt {

  private final AtomicInteger unsettled;
  private final AtomicReference<String> firstRejection = new AtomicReference<>();
  private final CompletableFuture<Void> settled = new CompletableFuture<>();

  Receipt(int rows) {
    this.unsettled = new AtomicInteger(rows);
  }

  /**
   * Waits until every row of the request is settled.
   *
   * @param timeout longest wait
   * @return true when all rows are committed, false when the time ran out (the rows stay
   *     buffered)
   * @throws RowsRejectedException when the database refused a row of the request (the others
   *     are committed)
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean await(Duration timeout) throws InterruptedException {
    try {
      settled.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw (RowsRejectedException) e.getCause();
    }
  }

  void rowCommitted() {
    settleOne();
  }

  void rowRejected(String reason) {
    firstRejection.compareAndSet(null, reason);
    settleOne();
  }

  private void settleOne() {
    if (unsettled.decrementAndGet() == 0) {
      String rejection = firstRejection.get();
      if (rejection == null) {
        settled.complete(null);
      } else {
        settled.completeExceptionally(new RowsRejectedException(rejection));
      }
    }
  }

  /** The database refused a row that passed validation (HTTP 422). */
  public static final class RowsRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    RowsRejectedException(String reason) {
      super("the database refused a row of this request; the other rows are committed: "
          + reason, null, false, false);
    }
  }
}
