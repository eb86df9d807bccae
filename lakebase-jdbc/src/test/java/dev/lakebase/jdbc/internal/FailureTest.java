package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.spi.CredentialException;
import dev.lakebase.jdbc.spi.FailureKind;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.sql.SQLException;
import javax.net.ssl.SSLHandshakeException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;
import org.junit.jupiter.api.Test;

class FailureTest {

  private static final String TOKEN = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.c2ln";

  private static PSQLException server(String state, String message) {
    return new PSQLException(new ServerErrorMessage(
        "SFATAL\0VFATAL\0C" + state + "\0M" + message + "\0\0"));
  }

  private static PSQLException io(Throwable cause) {
    return new PSQLException("The connection attempt failed.",
        PSQLState.CONNECTION_UNABLE_TO_CONNECT, cause);
  }

  @Test
  void authenticationFailuresAreRetriedOnceByTheCaller() {
    Failure f = Failure.classify(server("28P01", "password authentication failed for user \"u\""));
    assertThat(f.kind()).isEqualTo(FailureKind.AUTHENTICATION);
    assertThat(f.sqlState()).isEqualTo("28P01");
    assertThat(f.description())
        .isEqualTo("password authentication failed for user \"u\" (28P01)");
    assertThat(Failure.classify(server("28000", "OAuth token identity 'a' did not match")).kind())
        .isEqualTo(FailureKind.AUTHENTICATION);
  }

  @Test
  void wakingEndpointsAreColdStarts() {
    Failure f = Failure.classify(server("57P03", "the database system is starting up"));
    assertThat(f.kind()).isEqualTo(FailureKind.COLD_START);
    assertThat(f.retryable()).isTrue();
    assertThat(Failure.classify(server("XX000", "Endpoint is suspended, waking it up")).kind())
        .isEqualTo(FailureKind.COLD_START);
  }

  @Test
  void otherTransientServerStates() {
    assertThat(Failure.classify(server("57P01", "terminating connection")).kind())
        .isEqualTo(FailureKind.CONNECTION_RESET);
    Failure tooMany = Failure.classify(server("53300", "too many connections"));
    assertThat(tooMany.retryable()).isTrue();
  }

  @Test
  void networkCausesAreRetried() {
    assertThat(Failure.classify(io(new ConnectException("Connection refused"))).kind())
        .isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(Failure.classify(io(new SocketTimeoutException("Read timed out"))).kind())
        .isEqualTo(FailureKind.TIMEOUT);
    assertThat(Failure.classify(io(new EOFException())).kind())
        .isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(Failure.classify(new UnknownHostException("ep-1.example")).kind())
        .isEqualTo(FailureKind.DNS);
    assertThat(Failure.classify(io(new SSLHandshakeException(
        "Remote host terminated the handshake"))).kind())
        .isEqualTo(FailureKind.CONNECTION_RESET);
  }

  @Test
  void certificateProblemsAndEverythingElseArePermanent() {
    SSLHandshakeException badCert = new SSLHandshakeException("PKIX path building failed");
    badCert.initCause(new CertificateException("unable to find valid certification path"));
    Failure f = Failure.classify(io(badCert));
    assertThat(f.kind()).isEqualTo(FailureKind.PERMANENT);
    assertThat(f.retryable()).isFalse();
    assertThat(Failure.classify(server("3D000", "database \"nope\" does not exist")).kind())
        .isEqualTo(FailureKind.PERMANENT);
    assertThat(Failure.classify(new SQLException("weird")).kind())
        .isEqualTo(FailureKind.PERMANENT);
  }

  @Test
  void credentialFailuresKeepTheirTransience() {
    assertThat(Failure.classify(new CredentialException("503", true, null)))
        .satisfies(f -> {
          assertThat(f.kind()).isEqualTo(FailureKind.CREDENTIAL_UNAVAILABLE);
          assertThat(f.retryable()).isTrue();
        });
    assertThat(Failure.classify(new CredentialException("404", false, null)).retryable())
        .isFalse();
  }

  @Test
  void descriptionsNeverCarryTheToken() {
    Failure f = Failure.classify(server("28P01", "bad password " + TOKEN), TOKEN);
    assertThat(f.description()).doesNotContain(TOKEN).contains("<redacted>");
  }
}
