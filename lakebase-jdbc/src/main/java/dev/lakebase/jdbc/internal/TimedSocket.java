package dev.lakebase.jdbc.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A plain socket that reports to its {@link LoginAttempt} how long each read blocked, so the
 * attempt can tell a server that held the login (a waking endpoint) from an ordinary one. TLS is
 * layered on top by pgjdbc and reads through this stream. Time spent outside {@code read} (e.g.
 * the client's own TLS work) is not counted.
 */
final class TimedSocket extends Socket {

  private final LoginAttempt attempt;
  private InputStream input;

  TimedSocket(LoginAttempt attempt) {
    this.attempt = attempt;
  }

  @Override
  public synchronized InputStream getInputStream() throws IOException {
    if (input == null) {
      input = new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          long start = System.nanoTime();
          int b = super.read();
          attempt.blocked(System.nanoTime() - start);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          long start = System.nanoTime();
          int n = super.read(buffer, offset, length);
          attempt.blocked(System.nanoTime() - start);
          return n;
        }
      };
    }
    return input;
  }
}
