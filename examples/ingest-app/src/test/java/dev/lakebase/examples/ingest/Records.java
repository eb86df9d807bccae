package dev.lakebase.examples.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON bodies for {@code POST /ingest/sensor_readings}. */
final class Records {

  private Records() {}

  static ObjectNode reading(String device, double temperature) {
    return Api.JSON.createObjectNode().put("device", device).put("temperature", temperature)
        .put("humidity", 40.5).put("description", "test reading");
  }

  /** {@code n} readings of a device, each with a client-chosen ingest_id (returned in ids). */
  static String readings(String device, int n, List<UUID> ids) {
    ArrayNode array = Api.JSON.createArrayNode();
    for (int i = 0; i < n; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      array.add(reading(device, 20 + i % 10).put("ingest_id", id.toString()));
    }
    return array.toString();
  }

  static String readings(String device, int n) {
    return readings(device, n, new ArrayList<>());
  }
}
