package dev.lakebase.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesShortFormsAndIso8601() {
    assertThat(Durations.parse("500ms", "x")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("10s", "x")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse(" 2m ", "x")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1h", "x")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("1d", "x")).isEqualTo(Duration.ofDays(1));
    assertThat(Durations.parse("PT10S", "x")).isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("pt1m30s", "x")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void rejectsNonPositiveOrUnreadableValuesNamingTheSetting() {
    for (String bad : new String[] {"", "soon", "0s", "-5s", "PT-1S", "10 parsecs", "PTX"}) {
      assertThatThrownBy(() -> Durations.parse(bad, "--token-lifetime")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--token-lifetime").hasMessageContaining("positive duration");
    }
  }
}
