/**
 * Extension points of the core, all optional: {@link dev.lakebase.jdbc.spi.CredentialProvider}
 * (how credentials are minted; the built-in ones are in {@link
 * dev.lakebase.jdbc.spi.CredentialProviders}), {@link dev.lakebase.jdbc.spi.HostResolver} (how
 * endpoint host names become addresses), and {@link dev.lakebase.jdbc.spi.LakebaseListener}
 * (events about mints, connect attempts and cold starts, for metrics and logs). API.
 */
package dev.lakebase.jdbc.spi;
