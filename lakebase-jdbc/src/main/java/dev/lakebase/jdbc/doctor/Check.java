package dev.lakebase.jdbc.doctor;

/** The steps of a doctor run, in the order they run. */
public enum Check {
  /** The URL or settings parse into a valid configuration. */
  CONFIGURATION("configuration"),
  /** Databricks unified auth finds credentials and the workspace answers an authenticated call. */
  WORKSPACE("workspace"),
  /** Which role logs in, and whether it is the identity that tokens are minted for. */
  IDENTITY("identity"),
  /** The endpoint (or instance) exists, its state, and its host. */
  ENDPOINT("endpoint"),
  /** The host resolves: the JDK lookup and a direct DNS query (or the configured resolver). */
  DNS("dns"),
  /** A TCP connection to the host's port opens. */
  TCP("tcp"),
  /** TLS: certificate, host name and SNI, checked as the configured {@code sslmode} requires. */
  TLS("tls"),
  /** The workspace mints a database credential for the target. */
  CREDENTIAL("credential"),
  /** Lakebase accepts the login with that credential (waiting for a suspended endpoint). */
  LOGIN("login"),
  /** A query runs. */
  QUERY("select 1"),
  /** The server's PostgreSQL version, role and database. */
  SERVER_VERSION("server version");

  private final String label;

  Check(String label) {
    this.label = label;
  }

  /**
   * The step's name in reports.
   *
   * @return e.g. {@code select 1}
   */
  public String label() {
    return label;
  }
}
