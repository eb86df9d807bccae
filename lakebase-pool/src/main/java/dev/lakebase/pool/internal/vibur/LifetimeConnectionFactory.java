package dev.lakebase.pool.internal.vibur;

import org.vibur.dbcp.ViburDBCPException;
import org.vibur.dbcp.pool.ConnHolder;
import org.vibur.dbcp.pool.Connector;
import org.vibur.dbcp.pool.ViburObjectFactory;

/**
 * Vibur's connection factory with a lifetime: pooled connections get a deadline when created and
 * are "not ready" once past it, so the pool closes them instead of handing them out or taking
 * them back. The check compares timestamps; it never touches the network.
 */
final class LifetimeConnectionFactory implements ViburObjectFactory {

  private final ViburObjectFactory delegate;
  private final ViburLifetime lifetime;

  LifetimeConnectionFactory(ViburObjectFactory delegate, ViburLifetime lifetime) {
    this.delegate = delegate;
    this.lifetime = lifetime;
  }

  /** A pooled connection: it gets a deadline. */
  @Override
  public ConnHolder create() throws ViburDBCPException {
    ConnHolder connection = delegate.create();
    lifetime.born(connection);
    return connection;
  }

  /** A non-pooled connection ({@code getNonPooledConnection}): never returns to the pool. */
  @Override
  public ConnHolder create(Connector connector) throws ViburDBCPException {
    return delegate.create(connector);
  }

  @Override
  public boolean readyToTake(ConnHolder connection) {
    return !lifetime.expiredNow(connection) && delegate.readyToTake(connection);
  }

  @Override
  public boolean readyToRestore(ConnHolder connection) {
    return delegate.readyToRestore(connection) && !lifetime.expiredNow(connection);
  }

  @Override
  public void destroy(ConnHolder connection) {
    lifetime.forget(connection);
    delegate.destroy(connection);
  }

  @Override
  public int version() {
    return delegate.version();
  }

  @Override
  public boolean compareAndSetVersion(int expect, int update) {
    return delegate.compareAndSetVersion(expect, update);
  }
}
