package dev.lakebase.jdbc.integration;

import java.net.InetAddress;
import java.util.List;

/**
 * What one physical connect attempt needs, as prepared by {@link ConnectAttempts#prepare()}.
 * Connect the TCP socket to one of {@code addresses} (in order) but keep {@code host} for TLS:
 * it is the name to send as SNI (Lakebase routes by it) and to check the server certificate
 * against. {@link #toString()} hides the password.
 *
 * @param user the login role: the configured user, or the workspace identity the token is
 *     minted for
 * @param password a currently valid token from the process-wide credential cache shared with
 *     the JDBC side (or the static password): a secret, never log it
 * @param host the endpoint host name (configured or discovered)
 * @param port the port
 * @param database the database
 * @param addresses where {@code host} resolved to (the configured resolver, the direct DNS
 *     fallback, or the last address that worked)
 */
public record LoginPlan(String user, String password, String host, int port, String database,
    List<InetAddress> addresses) {

  /**
   * Copies the address list.
   *
   * @param user the login role
   * @param password the token
   * @param host the endpoint host name
   * @param port the port
   * @param database the database
   * @param addresses the resolved addresses, at least one
   */
  public LoginPlan {
    addresses = List.copyOf(addresses);
  }

  @Override
  public String toString() {
    return "LoginPlan[user=" + user + ", host=" + host + ", port=" + port + ", database="
        + database + ", addresses=" + addresses + ", password=" + Secrets.REDACTED + "]";
  }
}
