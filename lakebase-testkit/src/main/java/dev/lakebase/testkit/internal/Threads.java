package dev.lakebase.testkit.internal;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Named daemon threads, so an emulator someone forgot to close never keeps a JVM alive. */
public final class Threads {

  private Threads() {
  }

  /**
   * @param prefix thread name prefix
   * @return a factory of daemon threads named {@code prefix-N}
   */
  public static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
