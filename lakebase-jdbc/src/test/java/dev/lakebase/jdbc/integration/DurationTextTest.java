package dev.lakebase.jdbc.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void parsesEverySupportedSpelling() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("1d")).isEqualTo(Duration.ofDays(1));
    assertThat(DurationText.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationText.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("250")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationText.parse(" 3 s ")).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void rejectsGarbageWithTheAcceptedSyntax() {
    assertThatThrownBy(() -> DurationText.parse("ten seconds"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ten seconds' is not a duration")
        .hasMessageContaining("500ms");
    assertThatThrownBy(() -> DurationText.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DurationText.parse("PTXS")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void formatsTheShortWayAndRoundTrips() {
    assertThat(DurationText.format(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(DurationText.format(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    for (String s : new String[] {"25ms", "2s", "3m", "1h"}) {
      assertThat(DurationText.format(DurationText.parse(s))).isEqualTo(s);
    }
  }
}
