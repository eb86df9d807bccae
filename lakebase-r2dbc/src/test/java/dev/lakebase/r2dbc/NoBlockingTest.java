package dev.lakebase.r2dbc;

import static dev.lakebase.r2dbc.R2dbcTests.WAIT;
import static dev.lakebase.r2dbc.R2dbcTests.core;
import static dev.lakebase.r2dbc.R2dbcTests.queryOnce;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.jdbc.spi.LakebaseListener;
import dev.lakebase.jdbc.spi.MintEvent;
import dev.lakebase.testkit.EmulatedLakebase;
import dev.lakebase.testkit.WakeBehaviour;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound watches every Reactor non-blocking thread (Netty event loops, Reactor's parallel
 * scheduler) while connects run through a slow workspace API (mint, discovery, identity lookup
 * all delayed), a DNS failure and a waking endpoint: no blocking call happens on those threads,
 * and the slow steps run on the core's workspace-call threads. Runs in its own JVM (see the
 * surefire configuration): BlockHound cannot be uninstalled.
 */
@EmulatedLakebase
class NoBlockingTest extends EmulatorTest {

  private static final List<String> BLOCKING_CALLS = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void installBlockHound() {
    BlockHound.builder()
        // Reactor's and Netty's integrations: which threads are non-blocking (Reactor's parallel
        // and Netty's event-loop threads) and their known, harmless internal waits.
        .loadIntegrations()
        // A parallel worker waiting for its next task (its executor's queue) runs no task, so it
        // blocks nothing; seen once in about six runs as a park with only JDK frames.
        .allowBlockingCallsInside("java.util.concurrent.ThreadPoolExecutor", "getTask")
        // Record instead of throwing, so the test can show every call, not only the first.
        .blockingMethodCallback(m -> BLOCKING_CALLS.add(Thread.currentThread().getName() + ": "
            + m + " at " + where()))
        .install();
  }

  @Test
  void connectsNeverBlockAnEventLoopOrParallelThread() {
    List<String> mintThreads = new CopyOnWriteArrayList<>();
    List<String> resolverThreads = new CopyOnWriteArrayList<>();
    LakebaseConnectionFactory factory = LakebaseConnectionFactory.create(core(emulator)
        .hostResolver(host -> {
          resolverThreads.add(Thread.currentThread().getName());
          return emulator.dns().resolve(host);
        })
        .listener(new LakebaseListener() {
          @Override
          public void onMint(MintEvent e) {
            mintThreads.add(Thread.currentThread().getName());
          }
        })
        .build());
    try {
      // The canary: BlockHound sees a sleep on a parallel thread.
      Mono.fromCallable(() -> {
        Thread.sleep(1);
        return 1;
      }).subscribeOn(Schedulers.parallel()).block(WAIT);
      assertThat(BLOCKING_CALLS).as("BlockHound is active").hasSize(1);
      BLOCKING_CALLS.clear();

      // A cold cache behind a slow workspace API, one failed DNS lookup, and a waking endpoint.
      emulator.api().latency(Duration.ofMillis(300));
      emulator.dns().failNext(1);
      emulator.defaultEndpoint().wakeBehaviour(WakeBehaviour.refuse(Duration.ofMillis(500)));
      emulator.defaultEndpoint().suspend();

      // Subscribed from Reactor's parallel threads (non-blocking, like an event loop).
      List<String> results = Flux.range(0, 8)
          .flatMap(i -> queryOnce(factory, "select 1").subscribeOn(Schedulers.parallel()))
          .collectList().block(WAIT);

      System.out.printf("blocking calls: %s%nmint threads: %s%nresolver threads: %s%n",
          BLOCKING_CALLS, mintThreads, resolverThreads);
      assertThat(results).hasSize(8).containsOnly("1");
      assertThat(BLOCKING_CALLS).as("blocking calls on non-blocking threads").isEmpty();
      assertThat(mintThreads).isNotEmpty()
          .allSatisfy(t -> assertThat(t).startsWith("lakebase-workspace-call-"));
      assertThat(resolverThreads).isNotEmpty()
          .allSatisfy(t -> assertThat(t).startsWith("lakebase-workspace-call-"));
      assertThat(emulator.counters().mints()).as("8 concurrent cold connects, one mint")
          .isEqualTo(1);
    } finally {
      factory.dispose();
    }
  }

  private static String where() {
    StringBuilder b = new StringBuilder();
    StackTraceElement[] stack = new Throwable().getStackTrace();
    for (int i = 0, shown = 0; i < stack.length && shown < 16; i++) {
      String frame = stack[i].toString();
      if (!frame.startsWith("reactor.blockhound") && !frame.startsWith("dev.lakebase.r2dbc.NoBlockingTest")) {
        b.append("\n    ").append(frame);
        shown++;
      }
    }
    return b.toString();
  }
}
