package dev.lakebase.testkit.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The proxy's TLS identity, made at start: a self-signed CA and a leaf certificate it signs for
 * {@code *.lakebase.test}, {@code *.database.lakebase.test}, {@code localhost} and 127.0.0.1. The CA
 * is written as PEM so clients can verify ({@code sslrootcert}, verify-full). EC P-256 keys keep
 * generation in the milliseconds. The JDK's crypto provider signs; BouncyCastle only builds the
 * certificates, so no global security provider is registered.
 */
public final class Certificates {

  private static final String[] DNS_NAMES = {"*.lakebase.test", "*.database.lakebase.test", "localhost"};
  private static final String SIGNATURE = "SHA256withECDSA";

  private final SSLContext sslContext;
  private final Path caPath;

  private Certificates(SSLContext sslContext, Path caPath) {
    this.sslContext = sslContext;
    this.caPath = caPath;
  }

  /**
   * Generates the CA and leaf and writes {@code lakebase-emulator-ca.pem} into {@code directory}.
   *
   * @param directory where the CA PEM goes
   * @return the server TLS context and CA path
   */
  public static Certificates generate(Path directory) {
    try {
      Instant now = Instant.now();
      Date notBefore = Date.from(now.minus(Duration.ofHours(1)));
      Date notAfter = Date.from(now.plus(Duration.ofDays(365)));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

      KeyPair caKeys = newKeyPair();
      X500Name caName = new X500Name("CN=Lakebase Emulator Local CA,O=lakebase-testkit");
      X509v3CertificateBuilder ca = new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter,
          caName, caKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
          .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(caKeys.getPublic()));
      X509Certificate caCert = sign(ca, caKeys);

      KeyPair leafKeys = newKeyPair();
      GeneralName[] names = new GeneralName[DNS_NAMES.length + 1];
      for (int i = 0; i < DNS_NAMES.length; i++) {
        names[i] = new GeneralName(GeneralName.dNSName, DNS_NAMES[i]);
      }
      names[DNS_NAMES.length] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
      X509v3CertificateBuilder leaf = new JcaX509v3CertificateBuilder(caCert, serial(), notBefore, notAfter,
          new X500Name("CN=*.lakebase.test,O=lakebase-testkit"), leafKeys.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names))
          .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      X509Certificate leafCert = sign(leaf, caKeys);

      Path caPath = directory.resolve("lakebase-emulator-ca.pem");
      Files.writeString(caPath, pem(caCert), StandardCharsets.US_ASCII);
      return new Certificates(serverContext(leafKeys, leafCert, caCert), caPath);
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("could not create the emulator's TLS certificates: " + e.getMessage(), e);
    }
  }

  public SSLContext sslContext() {
    return sslContext;
  }

  public Path caPath() {
    return caPath;
  }

  private static KeyPair newKeyPair() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(64, new SecureRandom()).add(BigInteger.ONE);
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws OperatorCreationException, GeneralSecurityException {
    ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static SSLContext serverContext(KeyPair keys, X509Certificate leaf, X509Certificate ca)
      throws GeneralSecurityException, IOException {
    char[] password = "emulator".toCharArray();
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("proxy", keys.getPrivate(), password, new X509Certificate[] {leaf, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static String pem(X509Certificate cert) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(cert);
    }
    return out.toString();
  }
}
