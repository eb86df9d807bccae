package dev.lakebase.examples.ingest;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Base of the parts that run in the background (the table writers, the imports). They start
 * before the web server takes requests and stop after it has stopped taking them (its phases are
 * higher: it stops first), and before the context destroys its beans, among them the connection
 * pool: so a shutdown can still write what it holds.
 */
public abstract class IngestLifecycle implements SmartLifecycle {

  /** Below the web server's phases, so it stops after the web server. */
  public static final int PHASE = WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;

  private volatile boolean running;

  /** Starts the background work. */
  protected abstract void onStart();

  /** Ends the background work; returns when it is done or given up. */
  protected abstract void onStop();

  @Override
  public final void start() {
    onStart();
    running = true;
  }

  @Override
  public final void stop() {
    try {
      onStop();
    } finally {
      running = false;
    }
  }

  @Override
  public final boolean isRunning() {
    return running;
  }

  @Override
  public final int getPhase() {
    return PHASE;
  }
}
