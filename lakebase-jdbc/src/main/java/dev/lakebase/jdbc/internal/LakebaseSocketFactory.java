package dev.lakebase.jdbc.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;

/**
 * The pgjdbc {@code socketFactory} of Lakebase connects: returns sockets that are already
 * connected to the address our {@code HostResolver} chose. pgjdbc then skips its own name
 * resolution and layers TLS using the endpoint host name, so SNI and {@code verify-full} keep
 * working. pgjdbc instantiates this class per connection with the connection properties, whose
 * {@code socketFactoryArg} names the {@link LoginAttempt}; it reuses the instance for cancel
 * requests.
 */
public final class LakebaseSocketFactory extends SocketFactory {

  private final LoginAttempt attempt;

  /**
   * Called by pgjdbc.
   *
   * @param info the connection properties
   */
  public LakebaseSocketFactory(Properties info) {
    String id = info.getProperty("socketFactoryArg");
    this.attempt = LoginAttempt.lookup(id);
    if (attempt == null) {
      throw new IllegalStateException(
          "LakebaseSocketFactory is internal to LakebaseDataSource and LakebaseDriver; no connect"
              + " attempt is registered under socketFactoryArg=" + id);
    }
  }

  @Override
  public Socket createSocket() throws IOException {
    return attempt.connect();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return new Socket(host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return new Socket(host, port, localHost, localPort);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return new Socket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
      int localPort) throws IOException {
    return new Socket(address, port, localAddress, localPort);
  }
}
