/**
 * Implementation of the core: connecting with retries, the shared credential cache, host
 * discovery and resolution, configuration parsing. <b>Not API</b>: nothing here is covered by
 * compatibility promises, and types are public only where another package of the core (or pgjdbc,
 * which instantiates {@link dev.lakebase.jdbc.internal.LakebaseSocketFactory} by name) needs them.
 * Use the types of {@code dev.lakebase.jdbc}, {@code dev.lakebase.jdbc.spi} and {@code
 * dev.lakebase.jdbc.integration} instead.
 */
package dev.lakebase.jdbc.internal;
