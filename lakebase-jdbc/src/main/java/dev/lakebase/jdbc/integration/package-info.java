/**
 * Building blocks for modules that integrate the core with other libraries: this SDK's pool,
 * Spring, R2DBC and Spark modules, or a third party's. They keep every integration on the same
 * rules instead of copies: one duration syntax ({@link dev.lakebase.jdbc.integration.DurationText}),
 * one notion of what is secret and how it is redacted ({@link
 * dev.lakebase.jdbc.integration.Secrets}), one URL target grammar ({@link
 * dev.lakebase.jdbc.integration.TargetUrls}), and one connect path ({@link
 * dev.lakebase.jdbc.integration.LakebaseConnectSupport}: the shared credential cache, host
 * discovery, name resolution, failure classification, backoff and connect budget of the JDBC
 * side, for drivers that do their own I/O). Applications do not need this package. Public and
 * documented, but it may change in a minor release while the SDK is below 1.0.
 */
package dev.lakebase.jdbc.integration;
