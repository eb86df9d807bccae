/**
 * Lakebase for JDBC: {@link dev.lakebase.jdbc.LakebaseDataSource} (a non-pooling {@code
 * DataSource} that puts a currently valid, endpoint-scoped token into every physical connect and
 * retries DNS failures and cold starts within a budget), {@link dev.lakebase.jdbc.LakebaseDriver}
 * for {@code jdbc:lakebase:} URLs, {@link dev.lakebase.jdbc.LakebaseAuthenticationPlugin} for
 * {@code jdbc:postgresql:} URLs, and their configuration ({@link dev.lakebase.jdbc.LakebaseConfig},
 * {@link dev.lakebase.jdbc.LakebaseTarget}, {@link dev.lakebase.jdbc.ConfigKey}). {@link
 * dev.lakebase.jdbc.LakebaseRuntime} owns the process-wide state (shared credential caches,
 * threads) for tests and redeploying containers.
 *
 * <p>Everything public in this package is API. Put a pool in front of the DataSource ({@code
 * lakebase-pool}) or use the Spring Boot starter.
 */
package dev.lakebase.jdbc;
