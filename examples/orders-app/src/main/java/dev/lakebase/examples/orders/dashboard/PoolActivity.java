package dev.lakebase.examples.orders.dashboard;

import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.pool.PoolListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the pool's physical connects and the credential cache did, for the live page: counters
 * and the newest events, from the SDK's listener events. Holds no token (the events carry none)
 * and no identity (the page reads that from the credential status).
 */
public final class PoolActivity implements PoolListener {

  /** How many events the page's activity list shows. */
  static final int RECENT = 12;

  /**
   * One line of the activity list.
   *
   * @param at when
   * @param kind {@code mint}, {@code retry}, {@code cold-start}, {@code connect-failed}
   * @param text what happened, without secrets
   */
  public record Event(Instant at, String kind, String text) {}

  private long opened;
  private long failed;
  private final Map<String, Long> retries = new TreeMap<>();
  private long coldStarts;
  private Duration lastColdStart;
  private Instant lastColdStartAt;
  private Duration lastMintLatency;
  private boolean lastMintBackground;
  private final Deque<Event> recent = new ArrayDeque<>();

  @Override
  public synchronized void onMint(MintEvent e) {
    if (e.success()) {
      lastMintLatency = e.latency();
      lastMintBackground = e.background();
      add("mint", "Minted a credential in " + e.latency().toMillis() + " ms"
          + (e.background() ? " (background refresh)" : "") + ", expires at " + e.expiresAt());
    } else {
      add("mint", "Mint failed (" + (e.transientFailure() ? "transient" : "permanent") + ")");
    }
  }

  @Override
  public synchronized void onConnectAttempt(ConnectAttemptEvent e) {
    switch (e.outcome()) {
      case SUCCESS -> opened++;
      case RETRYING -> {
        String kind = e.failureKind().name().toLowerCase(Locale.ROOT);
        retries.merge(kind, 1L, Long::sum);
        add("retry", "Connect attempt " + e.attempt() + " failed (" + kind + "), retrying");
      }
      case FAILED -> {
        failed++;
        add("connect-failed", "Connect failed after " + e.attempt() + " attempts");
      }
    }
  }

  @Override
  public synchronized void onColdStartWait(ColdStartEvent e) {
    coldStarts++;
    lastColdStart = e.waited();
    lastColdStartAt = Instant.now();
    add("cold-start", "Waited " + e.waited().toMillis() + " ms for the endpoint to wake ("
        + e.attempts() + " attempts)");
  }

  /**
   * A consistent copy for the page.
   *
   * @return the counters and the newest events, newest first
   */
  public synchronized Snapshot snapshot() {
    return new Snapshot(opened, failed, Map.copyOf(retries),
        retries.values().stream().mapToLong(Long::longValue).sum(), coldStarts,
        lastColdStart == null ? null : lastColdStart.toMillis(), lastColdStartAt,
        lastMintLatency == null ? null : lastMintLatency.toMillis(), lastMintBackground,
        new ArrayList<>(recent));
  }

  /**
   * The page's view of the activity.
   *
   * @param opened physical connections opened
   * @param failed connects that gave up
   * @param retriesByCause retried attempts by failure kind
   * @param retries all retried attempts
   * @param coldStarts connects that waited for the endpoint to wake
   * @param lastColdStartMs the last such wait, null before the first
   * @param lastColdStartAt when it ended
   * @param lastMintLatencyMs how long the last successful mint took, null before the first
   * @param lastMintBackground whether it was a refresh ahead of expiry
   * @param recent newest events first
   */
  public record Snapshot(long opened, long failed, Map<String, Long> retriesByCause,
      long retries, long coldStarts, Long lastColdStartMs, Instant lastColdStartAt,
      Long lastMintLatencyMs, boolean lastMintBackground, List<Event> recent) {}

  private void add(String kind, String text) {
    recent.addFirst(new Event(Instant.now(), kind, text));
    while (recent.size() > RECENT) {
      recent.removeLast();
    }
  }
}
