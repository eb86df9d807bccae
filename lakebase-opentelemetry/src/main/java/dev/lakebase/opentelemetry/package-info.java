/**
 * OpenTelemetry metrics for Lakebase: {@link dev.lakebase.opentelemetry.LakebaseOpenTelemetry}
 * binds a pool (or gives a listener for a plain DataSource) to an {@code OpenTelemetry}'s meter
 * provider. Instrument names follow the OpenTelemetry semantic conventions for database client
 * metrics ({@code db.client.connection.*}) where one exists, {@code lakebase.*} otherwise. No
 * attribute ever holds a token or the identity credentials are minted for. API.
 */
package dev.lakebase.opentelemetry;
