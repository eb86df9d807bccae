package dev.lakebase.pool;

/**
 * A snapshot of a pool's connections, for gauges and health checks.
 *
 * @param active connections borrowed by the application
 * @param idle open connections waiting in the pool
 * @param pending threads currently waiting in {@code getConnection()}
 * @param total open connections ({@code active + idle})
 * @param max the largest number of connections the pool opens
 */
public record PoolStats(int active, int idle, int pending, int total, int max) {}
