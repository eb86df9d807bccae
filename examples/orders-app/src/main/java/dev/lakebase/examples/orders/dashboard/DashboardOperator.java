package dev.lakebase.examples.orders.dashboard;

import java.time.Duration;
import java.util.Map;

/**
 * The live page's operator panel: knobs of the local emulator, so that a visitor can watch a
 * cold start and a token rotation. Implemented only where the emulator runs (the tests and the
 * {@code -Prun} development run, with the test class path): the production jar has no such bean
 * and the page no panel.
 */
public interface DashboardOperator {

  /**
   * What the panel shows, e.g. the endpoint's state and the token lifetime.
   *
   * @return name to value
   */
  Map<String, Object> status();

  /** Suspends the endpoint: every session drops, the next connect waits for the wake. */
  void suspendEndpoint();

  /**
   * Makes tokens minted from now on short-lived and forces a new mint, so rotations follow
   * within seconds.
   *
   * @param lifetime the new token lifetime
   */
  void shortenTokenLifetime(Duration lifetime);
}
