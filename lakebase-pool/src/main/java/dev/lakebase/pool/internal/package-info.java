/**
 * Implementation of the pools: settings parsing, the lifetime limit, events and meters.
 * <b>Not API</b>: public only where {@code dev.lakebase.pool} needs it; no compatibility promises.
 */
package dev.lakebase.pool.internal;
