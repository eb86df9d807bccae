package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A value computed once by a workspace API call, single-flight: concurrent callers share one
 * computation and each waits only until its own deadline. A failed computation is not remembered,
 * so the next caller tries again.
 *
 * @param <T> the value type
 */
final class AsyncMemo<T> {

  /** The computation. */
  @FunctionalInterface
  public interface Computation<T> {
    /**
     * Computes the value.
     *
     * @return the value, never {@code null}
     * @throws CredentialException when the value cannot be computed
     */
    T compute() throws CredentialException;
  }

  private final Computation<T> computation;
  private final Executor executor;
  private final String description;
  private volatile T value;
  private CompletableFuture<T> inflight;

  /**
   * Creates the memo.
   *
   * @param description what is computed, for timeout messages (e.g. "the endpoint host")
   * @param executor where the computation runs
   * @param computation the computation
   */
  public AsyncMemo(String description, Executor executor, Computation<T> computation) {
    this.description = description;
    this.executor = executor;
    this.computation = computation;
  }

  /**
   * Returns the value, computing it if needed, waiting at most until the deadline.
   *
   * @param deadline when to stop waiting
   * @return the value
   * @throws CredentialException when the computation fails or the deadline passes
   */
  public T get(Deadline deadline) throws CredentialException {
    T v = value;
    if (v != null) {
      return v;
    }
    return await(getAsync(), deadline, description);
  }

  /**
   * The value without waiting: a completed future when it is known, else the computation in
   * flight (started if needed), which completes on the executor's thread with the value or a
   * {@link CredentialException}.
   *
   * @return the value's future
   */
  public CompletableFuture<T> getAsync() {
    T v = value;
    if (v != null) {
      return CompletableFuture.completedFuture(v);
    }
    synchronized (this) {
      if (value != null) {
        return CompletableFuture.completedFuture(value);
      }
      CompletableFuture<T> f = inflight;
      if (f == null) {
        CompletableFuture<T> started = new CompletableFuture<>();
        inflight = started;
        f = started;
        executor.execute(() -> run(started));
      }
      return f;
    }
  }

  /**
   * What {@link #getAsync()} waits for, for timeout messages.
   *
   * @return e.g. "the host of Autoscaling endpoint projects/..."
   */
  public String description() {
    return description;
  }

  /**
   * The value if it was computed.
   *
   * @return the value or {@code null}
   */
  public T peek() {
    return value;
  }

  /** Forgets the value so that the next {@link #get} computes it again. */
  public void reset() {
    value = null;
  }

  private void run(CompletableFuture<T> f) {
    try {
      T computed = computation.compute();
      synchronized (this) {
        value = computed;
        inflight = null;
      }
      f.complete(computed);
    } catch (CredentialException | RuntimeException e) {
      synchronized (this) {
        inflight = null;
      }
      f.completeExceptionally(e);
    }
  }

  /**
   * A future that completes like {@code f}, or fails with a transient {@link
   * CredentialException} ("still waiting for ...") when the deadline passes first: the
   * non-blocking counterpart of {@link #await}. A future that is already done is returned as is,
   * so the steady state (everything cached) schedules nothing.
   *
   * @param <T> the value type
   * @param f the future
   * @param deadline when to stop waiting
   * @param waitingFor what is awaited, for the timeout message
   * @return the bounded future
   */
  static <T> CompletableFuture<T> within(CompletableFuture<T> f, Deadline deadline,
      String waitingFor) {
    if (f.isDone()) {
      return f;
    }
    CompletableFuture<T> bounded = new CompletableFuture<>();
    java.util.concurrent.Future<?> timer = LakebaseExecutors.schedule(
        () -> bounded.completeExceptionally(
            new CredentialException("still waiting for " + waitingFor, true, null)),
        deadline.remaining());
    f.whenComplete((value, failure) -> {
      timer.cancel(false);
      if (failure != null) {
        bounded.completeExceptionally(failure);
      } else {
        bounded.complete(value);
      }
    });
    return bounded;
  }

  /**
   * Waits for a future until a deadline, unwrapping failures into {@link CredentialException}s.
   *
   * @param <T> the value type
   * @param f the future
   * @param deadline when to stop waiting
   * @param waitingFor what is awaited, for the timeout message
   * @return the value
   * @throws CredentialException when the future failed, or timed out (transient)
   */
  static <T> T await(CompletableFuture<T> f, Deadline deadline, String waitingFor)
      throws CredentialException {
    try {
      return f.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw new CredentialException("still waiting for " + waitingFor, true, null);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CredentialException ce) {
        throw CredentialFailure.again(ce);
      }
      throw new CredentialException(
          "Unexpected failure while obtaining " + waitingFor + ": "
              + Secrets.redact(String.valueOf(cause)), false, Secrets.sanitize(cause));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CredentialException("Interrupted while waiting for " + waitingFor, false, e);
    }
  }
}
