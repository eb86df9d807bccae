/**
 * A local Lakebase emulator for tests and development: {@link
 * dev.lakebase.testkit.LakebaseEmulator} (fake workspace API, TLS PostgreSQL-protocol proxy over
 * an embedded PostgreSQL, fault knobs, counters), the JUnit 5 extension behind {@link
 * dev.lakebase.testkit.EmulatedLakebase}, and a standalone {@link dev.lakebase.testkit.Main}. API.
 */
package dev.lakebase.testkit;
