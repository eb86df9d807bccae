package dev.lakebase.benchmarks.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * The bare pgjdbc baseline's way to reach the emulator (its host names are not in DNS): pgjdbc
 * gets a socket already connected to 127.0.0.1 and still uses the URL's host name for TLS SNI,
 * which the emulator routes by, exactly like the SDK's own socket factory.
 * {@code socketFactoryArg} is the port.
 */
public final class LoopbackSocketFactory extends SocketFactory {

  private final int port;

  /**
   * Created by pgjdbc from {@code socketFactoryArg}.
   *
   * @param port the emulator's PostgreSQL port
   */
  public LoopbackSocketFactory(String port) {
    this.port = Integer.parseInt(port);
  }

  @Override
  public Socket createSocket() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  @Override
  public Socket createSocket(String host, int ignoredPort) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(String host, int ignoredPort, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress host, int ignoredPort) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress address, int ignoredPort, InetAddress localAddress,
      int localPort) throws IOException {
    return createSocket();
  }
}
