package dev.lakebase.examples.ingest.table;

import java.time.Duration;

/**
 * How a table's rows are batched: {@code ingest.writer.*} with the table's overrides applied.
 *
 * @param batchSize most rows per COPY transaction
 * @param flushInterval longest time a row waits before its batch is written
 * @param bufferCapacity most rows accepted and not yet committed
 */
public record BatchSettings(int batchSize, Duration flushInterval, int bufferCapacity) {}
