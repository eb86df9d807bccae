package dev.lakebase.benchmarks.support;

import java.time.Duration;

/**
 * The sizing every pool of one benchmark gets, whatever its kind and source.
 *
 * @param minIdle connections kept idle (and opened at start)
 * @param max maximum connections
 * @param connectionTimeout how long a borrow may wait
 */
public record PoolSize(int minIdle, int max, Duration connectionTimeout) {}
