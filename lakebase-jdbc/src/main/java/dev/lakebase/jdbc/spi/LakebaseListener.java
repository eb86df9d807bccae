package dev.lakebase.jdbc.spi;

/**
 * Receives events about credential mints and physical connects, for metrics and diagnostics.
 *
 * <p>Methods are called synchronously on the thread doing the work, so they must be cheap.
 * Exceptions thrown by a listener are caught and logged. Event payloads never contain a token.
 */
public interface LakebaseListener {

  /**
   * Called after every mint attempt, successful or not.
   *
   * @param event the mint outcome
   */
  default void onMint(MintEvent event) {}

  /**
   * Called after every physical connect attempt.
   *
   * @param event the attempt outcome
   */
  default void onConnectAttempt(ConnectAttemptEvent event) {}

  /**
   * Called when a connect succeeded after waiting for a suspended endpoint to wake.
   *
   * @param event how long the wait took
   */
  default void onColdStartWait(ColdStartEvent event) {}
}
