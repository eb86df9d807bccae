package dev.lakebase.jdbc;

import jakarta.inject.Provider;
import javax.sql.DataSource;

/**
 * A {@code jakarta.inject.Provider<DataSource>} for dependency-injection containers: every
 * {@link #get()} returns the same {@link LakebaseDataSource}, created on first use.
 */
public final class LakebaseDataSourceProvider implements Provider<DataSource> {

  private final LakebaseConfig config;
  private volatile LakebaseDataSource dataSource;

  /**
   * Creates the provider.
   *
   * @param config the configuration of the DataSource
   */
  public LakebaseDataSourceProvider(LakebaseConfig config) {
    this.config = config;
  }

  /**
   * The shared DataSource.
   *
   * @return the same {@link LakebaseDataSource} on every call
   */
  @Override
  public DataSource get() {
    LakebaseDataSource ds = dataSource;
    if (ds == null) {
      synchronized (this) {
        ds = dataSource;
        if (ds == null) {
          ds = new LakebaseDataSource(config);
          dataSource = ds;
        }
      }
    }
    return ds;
  }
}
