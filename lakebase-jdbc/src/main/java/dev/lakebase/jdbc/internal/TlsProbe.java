package dev.lakebase.jdbc.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.postgresql.ssl.PGjdbcHostnameVerifier;

/**
 * The doctor's TLS check: on an open TCP connection, asks for TLS the way PostgreSQL clients do
 * ({@code SSLRequest}), does the handshake with the host name as SNI, and records the server's
 * certificate, whether a trust source accepts its chain and whether it matches the host name (with
 * pgjdbc's own {@code verify-full} host-name rules). It never fails the handshake over trust or the
 * host name: the caller decides what the configured {@code sslmode} makes of them. No startup
 * message is sent, so the probe does not wake a suspended endpoint.
 */
final class TlsProbe {

  /** PostgreSQL's SSLRequest code (1234 &lt;&lt; 16 | 5679). */
  private static final int SSL_REQUEST = 80877103;

  /**
   * Where certificates are checked against.
   *
   * @param description for messages, e.g. {@code sslrootcert /path/ca.pem}
   * @param trustManager the trust manager, or empty when there is no trust source
   */
  record TrustSource(String description, Optional<X509TrustManager> trustManager) {}

  /**
   * What the probe saw.
   *
   * @param serverSpeaksTls whether the server answered the SSLRequest with {@code S}
   * @param protocol e.g. {@code TLSv1.3}
   * @param leaf the server's certificate
   * @param trustFailure why the chain is not trusted, or empty when it is
   * @param hostNameMatches whether the certificate covers the host name
   * @param sniSent whether the host name was sent as SNI (not for IP addresses)
   */
  record Result(boolean serverSpeaksTls, String protocol, X509Certificate leaf,
      Optional<String> trustFailure, boolean hostNameMatches, boolean sniSent) {}

  private TlsProbe() {}

  /**
   * Runs the probe; closes the socket when done.
   *
   * @param tcp a connected socket
   * @param host the endpoint host name (SNI and host-name check)
   * @param trust what to check the chain against, {@code null} to leave it unchecked
   * @param timeoutMillis read timeout for the answer and the handshake
   * @return what was seen
   * @throws IOException when the server closes or the handshake fails outright
   */
  static Result probe(Socket tcp, String host, TrustSource trust, int timeoutMillis)
      throws IOException {
    try (Socket plain = tcp) {
      plain.setSoTimeout(timeoutMillis);
      DataOutputStream out = new DataOutputStream(plain.getOutputStream());
      out.writeInt(8);
      out.writeInt(SSL_REQUEST);
      out.flush();
      int answer = new DataInputStream(plain.getInputStream()).read();
      if (answer < 0) {
        throw new EOFException("the server closed the connection after the TLS request");
      }
      if (answer != 'S') {
        return new Result(false, null, null, Optional.empty(), false, false);
      }
      Recording recording = new Recording();
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {recording}, null);
      try (SSLSocket tls = (SSLSocket) context.getSocketFactory()
          .createSocket(plain, host, plain.getPort(), false)) {
        boolean sni = !isIpLiteral(host);
        if (sni) {
          SSLParameters params = tls.getSSLParameters();
          params.setServerNames(List.of(new SNIHostName(host)));
          tls.setSSLParameters(params);
        }
        tls.setUseClientMode(true);
        tls.startHandshake();
        SSLSession session = tls.getSession();
        X509Certificate[] chain = recording.chain;
        Optional<String> trustFailure = trust == null ? Optional.empty()
            : checkTrust(chain, recording.authType, trust);
        boolean hostMatches = PGjdbcHostnameVerifier.INSTANCE.verify(host, session);
        return new Result(true, session.getProtocol(), chain[0], trustFailure, hostMatches, sni);
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("TLS could not be set up: " + e.getMessage(), e);
    }
  }

  /**
   * The trust source pgjdbc uses for {@code verify-ca}/{@code verify-full}: {@code sslrootcert},
   * else {@code ~/.postgresql/root.crt} when it exists; with {@code sslfactory} set to pgjdbc's
   * {@code DefaultJavaSSLFactory}, or for information under {@code require}, the JDK's trust store.
   *
   * @param sslRootCert the configured file, if any
   * @param jdkTrustStore whether to fall back to the JDK's trust store
   * @return the source
   * @throws IOException when the file cannot be read
   */
  static TrustSource trustSource(Optional<String> sslRootCert, boolean jdkTrustStore)
      throws IOException {
    try {
      Path file = sslRootCert.map(Path::of).orElse(null);
      if (file == null && !jdkTrustStore) {
        Path pgjdbcDefault = Path.of(System.getProperty("user.home"), ".postgresql", "root.crt");
        if (Files.isRegularFile(pgjdbcDefault)) {
          file = pgjdbcDefault;
        }
      }
      if (file != null) {
        return new TrustSource("sslrootcert " + file, Optional.of(fromPem(file)));
      }
      if (!jdkTrustStore) {
        return new TrustSource("no sslrootcert (and no ~/.postgresql/root.crt)", Optional.empty());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      return new TrustSource("the JDK's trust store", Optional.of(x509(tmf)));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the trust source: " + e.getMessage(), e);
    }
  }

  /**
   * The certificate's DNS and IP subject alternative names.
   *
   * @param cert the certificate
   * @return the names
   */
  static List<String> subjectAltNames(X509Certificate cert) {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          Object type = san.get(0);
          if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateException e) {
      // unparseable extension: no names to show
    }
    return names;
  }

  static boolean isIpLiteral(String host) {
    return host.contains(":") || host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static Optional<String> checkTrust(X509Certificate[] chain, String authType,
      TrustSource trust) {
    if (trust.trustManager().isEmpty()) {
      return Optional.of("nothing to check it against: " + trust.description());
    }
    Instant now = Instant.now();
    if (chain[0].getNotAfter().toInstant().isBefore(now)) {
      return Optional.of("the certificate expired on " + chain[0].getNotAfter().toInstant());
    }
    try {
      trust.trustManager().get().checkServerTrusted(chain, authType);
      return Optional.empty();
    } catch (CertificateException e) {
      return Optional.of("not trusted by " + trust.description() + " (" + e.getMessage() + ")");
    }
  }

  private static X509TrustManager fromPem(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(file)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return x509(tmf);
  }

  private static X509TrustManager x509(TrustManagerFactory tmf) throws GeneralSecurityException {
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager");
  }

  /** Accepts any chain during the handshake and keeps it for the checks after it. */
  private static final class Recording implements X509TrustManager {
    private X509Certificate[] chain;
    private String authType;

    @Override
    public void checkClientTrusted(X509Certificate[] certs, String type) {
      throw new UnsupportedOperationException("client side only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] certs, String type) {
      this.chain = certs;
      this.authType = type;
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
