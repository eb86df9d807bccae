package dev.lakebase.pool.internal;

import dev.lakebase.jdbc.spi.ColdStartEvent;
import dev.lakebase.jdbc.spi.ConnectAttemptEvent;
import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.pool.PoolListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener a pool registers on its core DataSource: it forwards the core's events to the
 * pool's listeners, which can still be added after the pool was created (the core's listener list
 * is fixed when its configuration is built). It also tells {@link PoolListener}s about the pool's
 * life cycle.
 */
public final class PoolEvents implements LakebaseListener {

  private static final Logger log = LoggerFactory.getLogger(PoolEvents.class);

  private final String poolName;
  private final List<LakebaseListener> listeners = new CopyOnWriteArrayList<>();
  private final Map<Object, LakebaseListener> attached = new ConcurrentHashMap<>();

  /**
   * Creates the dispatcher.
   *
   * @param poolName the pool's name
   * @param initial the pool configuration's listeners
   */
  public PoolEvents(String poolName, List<? extends LakebaseListener> initial) {
    this.poolName = poolName;
    listeners.addAll(initial);
  }

  /**
   * The name of the pool these events belong to.
   *
   * @return the pool name
   */
  public String poolName() {
    return poolName;
  }

  /**
   * Adds a listener once per key (a second call with the same key has no effect).
   *
   * @param key identifies the listener, e.g. a meter registry
   * @param listener creates the listener
   * @return {@code true} when the listener was added by this call
   */
  public boolean attachOnce(Object key, Supplier<? extends LakebaseListener> listener) {
    boolean[] added = {false};
    attached.computeIfAbsent(key, k -> {
      LakebaseListener l = listener.get();
      listeners.add(l);
      added[0] = true;
      return l;
    });
    return added[0];
  }

  /**
   * Tells the pool listeners that the pool exists.
   *
   * @param pool the new pool
   */
  public void poolCreated(LakebasePooledDataSource pool) {
    forEachPoolListener(l -> l.onPoolCreated(pool));
  }

  /**
   * Tells the pool listeners that the pool closed.
   *
   * @param pool the closed pool
   */
  public void poolClosed(LakebasePooledDataSource pool) {
    forEachPoolListener(l -> l.onPoolClosed(pool));
  }

  @Override
  public void onMint(MintEvent e) {
    forEach(l -> l.onMint(e));
  }

  @Override
  public void onConnectAttempt(ConnectAttemptEvent e) {
    forEach(l -> l.onConnectAttempt(e));
  }

  @Override
  public void onColdStartWait(ColdStartEvent e) {
    forEach(l -> l.onColdStartWait(e));
  }

  private void forEachPoolListener(Consumer<PoolListener> call) {
    forEach(l -> {
      if (l instanceof PoolListener p) {
        call.accept(p);
      }
    });
  }

  private void forEach(Consumer<LakebaseListener> call) {
    for (LakebaseListener l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException e) {
        log.warn("Pool listener {} failed; ignoring it for this event", l, e);
      }
    }
  }
}
