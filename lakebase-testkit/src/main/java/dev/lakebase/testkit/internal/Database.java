package dev.lakebase.testkit.internal;

import javax.sql.DataSource;

/**
 * The real PostgreSQL under the emulator: embedded binaries ({@link EmbeddedDatabase}, the
 * default) or a container ({@link ContainerDatabase}). Database {@code databricks_postgres}, one
 * superuser LOGIN role per identity, trust authentication for the proxy's backend logins.
 */
public interface Database extends AutoCloseable {

  /** @return the host the proxy connects to */
  String host();

  /** @return the port the proxy connects to */
  int port();

  /** @return a superuser DataSource for {@code databricks_postgres}, straight to PostgreSQL */
  DataSource adminDataSource();

  @Override
  void close();
}
