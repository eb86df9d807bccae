package dev.lakebase.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * pgjdbc socket factory for the tests: hands pgjdbc a socket already connected to the emulator's
 * proxy on 127.0.0.1, so the JDBC URL can keep the compute's host name (which system DNS does not
 * know) and pgjdbc still uses it for TLS SNI and verify-full. {@code socketFactoryArg} is the port.
 */
public final class LoopbackSocketFactory extends SocketFactory {

  private final int port;

  public LoopbackSocketFactory(String port) {
    this.port = Integer.parseInt(port);
  }

  @Override
  public Socket createSocket() throws IOException {
    return new Socket(InetAddress.getLoopbackAddress(), port);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return createSocket();
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket();
  }
}
