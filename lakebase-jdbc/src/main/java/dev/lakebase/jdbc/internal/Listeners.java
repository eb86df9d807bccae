package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to listeners; a failing listener is logged and does not affect the caller. */
final class Listeners {

  private static final Logger log = LoggerFactory.getLogger(Listeners.class);

  private final List<LakebaseListener> listeners;

  /**
   * Creates the dispatcher.
   *
   * @param listeners the listeners
   */
  public Listeners(List<LakebaseListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  /**
   * Delivers a mint event.
   *
   * @param e the event
   */
  public void mint(MintEvent e) {
    each(l -> l.onMint(e));
  }

  /**
   * Delivers a connect attempt event.
   *
   * @param e the event
   */
  public void connectAttempt(ConnectAttemptEvent e) {
    each(l -> l.onConnectAttempt(e));
  }

  /**
   * Delivers a cold-start event.
   *
   * @param e the event
   */
  public void coldStart(ColdStartEvent e) {
    each(l -> l.onColdStartWait(e));
  }

  private void each(Consumer<LakebaseListener> call) {
    for (LakebaseListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("Lakebase listener {} failed", l.getClass().getName(), e);
      }
    }
  }
}
