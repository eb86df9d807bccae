package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void doublesFromTheInitialDelayUpToTheMaximum() {
    Backoff top = new Backoff(Duration.ofMillis(25), Duration.ofSeconds(2), () -> 0.999999);
    assertThat(top.delay(1)).isBetween(Duration.ofMillis(24), Duration.ofMillis(25));
    assertThat(top.delay(2)).isBetween(Duration.ofMillis(49), Duration.ofMillis(50));
    assertThat(top.delay(3)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(top.delay(8)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
    assertThat(top.delay(1000)).isBetween(Duration.ofMillis(1999), Duration.ofSeconds(2));
  }

  @Test
  void jitterStaysBetweenHalfAndTheFullDelay() {
    Backoff low = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2), () -> 0.0);
    assertThat(low.delay(1)).isEqualTo(Duration.ofMillis(50));
    assertThat(low.delay(3)).isEqualTo(Duration.ofMillis(200));
    Backoff random = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    for (int i = 0; i < 1000; i++) {
      assertThat(random.delay(2)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
    }
  }

  @Test
  void aMaximumBelowTheInitialDelayIsRaisedToIt() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(10), () -> 0.999999);
    assertThat(b.delay(5)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
  }
}
