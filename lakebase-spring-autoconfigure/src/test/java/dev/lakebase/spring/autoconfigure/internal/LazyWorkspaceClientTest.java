package dev.lakebase.spring.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.databricks.sdk.WorkspaceClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyWorkspaceClientTest {

  @Test
  void theRealClientIsBuiltOnFirstUseOnlyAndOnce() {
    AtomicInteger builds = new AtomicInteger();
    WorkspaceClient real = new WorkspaceClient(true); // the SDK's mock mode: no config resolution
    WorkspaceClient lazy = LazyWorkspaceClient.of(() -> {
      builds.incrementAndGet();
      return real;
    });

    assertThat(builds).as("nothing is built until the client is used").hasValue(0);
    assertThat(lazy.postgres()).isSameAs(real.postgres());
    assertThat(lazy.database()).isSameAs(real.database());
    assertThat(builds).hasValue(1);
  }

  @Test
  void aFailedBuildIsRetriedOnTheNextUse() {
    AtomicInteger builds = new AtomicInteger();
    WorkspaceClient real = new WorkspaceClient(true); // the SDK's mock mode: no config resolution
    WorkspaceClient lazy = LazyWorkspaceClient.of(() -> {
      if (builds.incrementAndGet() == 1) {
        throw new IllegalStateException("workspace unreachable");
      }
      return real;
    });

    assertThatThrownBy(lazy::postgres).hasMessageContaining("workspace unreachable");
    assertThat(lazy.postgres()).isSameAs(real.postgres());
    assertThat(builds).hasValue(2);
  }
}
