package dev.lakebase.examples.ingest.web;

import java.util.List;
import java.util.UUID;

/** Accepted rows were not committed within the ack timeout (HTTP 504). */
final class NotCommittedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<UUID> ingestIds;

  NotCommittedException(String message, List<UUID> ingestIds) {
    super(message, null, false, false);
    this.ingestIds = ingestIds;
  }

  List<UUID> ingestIds() {
    return ingestIds;
  }
}
