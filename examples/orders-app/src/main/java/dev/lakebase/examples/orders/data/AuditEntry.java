package dev.lakebase.examples.orders.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.OffsetDateTime;

/**
 * A row of {@code audit_log}, written by the triggers on {@code orders} and {@code lineitem}.
 *
 * @param id increasing id
 * @param table {@code orders} or {@code lineitem}
 * @param operation {@code INSERT}, {@code UPDATE} or {@code DELETE}
 * @param oldRow the row before the change (JSON), null for an INSERT
 * @param newRow the row after the change (JSON), null for a DELETE
 * @param changedAt when
 * @param changedBy the database identity that made the change
 */
public record AuditEntry(
    @JsonProperty("id") long id,
    @JsonProperty("table") String table,
    @JsonProperty("operation") String operation,
    @JsonProperty("old") @JsonRawValue String oldRow,
    @JsonProperty("new") @JsonRawValue String newRow,
    @JsonProperty("changed_at") OffsetDateTime changedAt,
    @JsonProperty("changed_by") String changedBy) {}
