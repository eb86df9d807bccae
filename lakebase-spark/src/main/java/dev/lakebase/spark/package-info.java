/**
 * Apache Spark support for {@code jdbc:lakebase:} URLs: {@link dev.lakebase.spark.LakebaseDialect}
 * gives Spark's JDBC data source the PostgreSQL dialect (type mapping, {@code TRUNCATE},
 * identifier quoting, pushdown) for Lakebase URLs. Spark loads it by itself through
 * {@code java.util.ServiceLoader} when this jar is on the classpath;
 * {@link dev.lakebase.spark.LakebaseDialect#register()} registers it by hand when the jar was
 * added after Spark's dialect registry had started.
 *
 * <p>Credentials are not this package's business: every connection Spark opens goes through
 * {@code dev.lakebase.jdbc.LakebaseDriver}, which mints per physical connect from a per-JVM cache
 * in each driver and executor JVM.
 */
package dev.lakebase.spark;
