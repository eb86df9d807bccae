/**
 * Connection pools for Lakebase: {@link dev.lakebase.pool.LakebasePools} creates a HikariCP
 * (default) or Vibur DBCP pool over {@link dev.lakebase.jdbc.LakebaseDataSource} with
 * Lakebase-safe defaults, including a maximum connection lifetime of 45 minutes (enforced for
 * Vibur, which has no such setting). {@link dev.lakebase.pool.LakebasePoolConfig} holds the pool
 * settings, {@link dev.lakebase.pool.LakebasePoolMetrics} binds Micrometer meters. API.
 */
package dev.lakebase.pool;
