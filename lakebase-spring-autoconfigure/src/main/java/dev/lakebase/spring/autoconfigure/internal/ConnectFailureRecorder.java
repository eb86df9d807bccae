package dev.lakebase.spring.autoconfigure.internal;

import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.FailureKind;
import dev.lakebase.jdbc.spi.LakebaseListener;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last failed physical connect attempt per target, for the health indicator. The
 * core redacts event messages, so nothing secret is kept.
 */
public final class ConnectFailureRecorder implements LakebaseListener {

  /**
   * A failed attempt.
   *
   * @param at when it was reported
   * @param kind the failure class
   * @param outcome whether the connect was retried or failed
   * @param message redacted description
   */
  public record ConnectFailure(Instant at, FailureKind kind, ConnectAttemptEvent.Outcome outcome,
      String message) {}

  private final Map<String, ConnectFailure> lastByTarget = new ConcurrentHashMap<>();

  /** Creates an empty recorder. */
  public ConnectFailureRecorder() {}

  @Override
  public void onConnectAttempt(ConnectAttemptEvent event) {
    if (event.outcome() != ConnectAttemptEvent.Outcome.SUCCESS) {
      lastByTarget.put(event.target(), new ConnectFailure(Instant.now(), event.failureKind(),
          event.outcome(), event.failure()));
    }
  }

  /**
   * The last failed attempt for a target.
   *
   * @param target the target as described by {@code LakebaseConfig.describeTarget()}
   * @return the failure, if any was reported
   */
  public Optional<ConnectFailure> last(String target) {
    return Optional.ofNullable(lastByTarget.get(target));
  }
}
