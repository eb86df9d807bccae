package dev.lakebase.examples.ingest.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DerivedIdsTest {

  @Test
  void derivesTheSameIdsAsNameUuidFromBytesSoResentBodiesStayIdempotent() {
    UUID seed = UUID.randomUUID();
    DerivedIds ids = new DerivedIds(seed);
    for (long line : new long[] {1, 2, 9, 10, 12345, Long.MAX_VALUE}) {
      assertThat(ids.line(line)).isEqualTo(
          UUID.nameUUIDFromBytes((seed + "/" + line).getBytes(StandardCharsets.UTF_8)));
    }
  }
}
