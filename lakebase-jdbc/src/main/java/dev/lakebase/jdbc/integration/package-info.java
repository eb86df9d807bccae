/**
 * Building blocks for modules that integrate the core with other libraries: this SDK's pool,
 * Spring, R2DBC and Spark modules, or a third party's. They keep every integration on the same
 * rules (one duration syntax, one notion of what is secret and how it is redacted) instead of
 * copies. Applications do not need this package. Public and documented, but it may change in a
 * minor release while the SDK is below 1.0.
 */
package dev.lakebase.jdbc.integration;
