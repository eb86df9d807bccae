/**
 * Implementation of the emulator: the workspace API server, the PostgreSQL proxy and sessions,
 * token authority, embedded PostgreSQL. <b>Not API</b>: public only where {@code
 * dev.lakebase.testkit} needs it; no compatibility promises.
 */
package dev.lakebase.testkit.internal;
