package dev.lakebase.examples.ingest.dashboard;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Rows per second per table, from the writers' cumulative counters sampled at each poll of the
 * live page: the rate over the last few seconds of samples, so a burst shows and then fades.
 */
final class TableRates {

  static final long WINDOW_MS = 5_000;

  private record Sample(long atMs, long committed, long accepted) {}

  /**
   * Rates of one table.
   *
   * @param committedPerSecond rows committed per second
   * @param acceptedPerSecond rows accepted per second
   */
  record Rate(double committedPerSecond, double acceptedPerSecond) {}

  private final Map<String, Deque<Sample>> samples = new HashMap<>();

  synchronized Rate sample(String table, long nowMs, long committed, long accepted) {
    Deque<Sample> s = samples.computeIfAbsent(table, t -> new ArrayDeque<>());
    s.addLast(new Sample(nowMs, committed, accepted));
    // Keep one sample older than the window, so the rate spans the whole window.
    while (s.size() > 2 && s.stream().skip(1).findFirst().get().atMs() < nowMs - WINDOW_MS) {
      s.removeFirst();
    }
    Sample first = s.peekFirst();
    double seconds = (nowMs - first.atMs()) / 1000.0;
    if (seconds <= 0) {
      return new Rate(0, 0);
    }
    return new Rate((committed - first.committed()) / seconds,
        (accepted - first.accepted()) / seconds);
  }
}
