package dev.lakebase.examples.ingest.table;

import java.util.UUID;

/**
 * A validated row: its idempotency key and the text COPY reads for each writable column of its
 * table, in the table's column order (null for NULL or "use the column's default").
 *
 * @param ingestId the row's idempotency key ({@code ingest_id})
 * @param values the column values
 */
public record StagedRow(UUID ingestId, String[] values) {}
