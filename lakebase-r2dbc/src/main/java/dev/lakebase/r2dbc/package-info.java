/**
 * Reactive access to Databricks Lakebase: {@link dev.lakebase.r2dbc.LakebaseConnectionFactory}
 * (an R2DBC {@code ConnectionFactory} over r2dbc-postgresql, with per-connect tokens from the
 * core's shared credential cache and non-blocking retries), the {@code r2dbc:lakebase:} driver
 * ({@link dev.lakebase.r2dbc.LakebaseConnectionFactoryProvider}), and r2dbc-pool with Lakebase
 * defaults ({@link dev.lakebase.r2dbc.LakebaseConnectionPools}).
 */
package dev.lakebase.r2dbc;
