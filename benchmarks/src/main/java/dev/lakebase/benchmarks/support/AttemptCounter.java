package dev.lakebase.benchmarks.support;

import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the SDK's connect attempts by outcome and failure kind ({@code SUCCESS}, {@code
 * RETRYING.COLD_START}, ...), so that a slow result can be told apart from a retried one.
 */
public final class AttemptCounter implements LakebaseListener {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    String key = e.failureKind() == null ? e.outcome().name()
        : e.outcome() + "." + e.failureKind();
    counts.computeIfAbsent("attempts." + key, k -> new LongAdder()).increment();
  }

  /**
   * The counts so far.
   *
   * @return counter name to count, e.g. {@code attempts.RETRYING.COLD_START}
   */
  public Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((k, v) -> snapshot.put(k, v.sum()));
    return snapshot;
  }
}
