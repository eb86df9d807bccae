package dev.lakebase.testkit;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Logback appender (wired in logback-test.xml at TRACE for the emulator's packages) that keeps
 * every formatted line with its throwable messages, so tests can assert that no token leaks into
 * the logs.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

  private static final Queue<String> LINES = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    StringBuilder line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    LINES.add(line.toString());
  }

  static List<String> lines() {
    return List.copyOf(LINES);
  }
}
