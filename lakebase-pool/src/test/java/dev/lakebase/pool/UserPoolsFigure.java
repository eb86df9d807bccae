package dev.lakebase.pool;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Not a test: the measured figure of the per-user pools README section. Run with the test
 * classpath: first request of a new user (identity lookup + mint + login) vs a warm user's
 * request, and query throughput through user pools vs the app's pool, in one run.
 */
public final class UserPoolsFigure {

  private UserPoolsFigure() {}

  public static void main(String[] args) throws Exception {
    int users = 10;
    LakebaseEmulator.Builder b = LakebaseEmulator.builder().user("app@example.com");
    for (int i = 0; i < users; i++) {
      b.user("user" + i + "@example.com");
    }
    try (LakebaseEmulator emulator = b.start()) {
      LakebaseConfig base = LakebaseConfig.builder().endpoint(PoolTests.PRIMARY)
          .workspaceClient(new WorkspaceClient(new DatabricksConfig()
              .setHost(emulator.workspaceUrl()).setToken(emulator.patFor("app@example.com"))))
          .hostResolver(emulator.dns()::resolve).port(emulator.port())
          .connectBudget(Duration.ofSeconds(20)).build();
      try (LakebaseUserPools pools = LakebaseUserPools.builder(base).build();
          LakebasePooledDataSource app = LakebasePools.create(base,
              LakebasePoolConfig.builder().poolName("app").maximumPoolSize(8).build())) {
        query(app); // the app pool and the host discovery warm
        List<Long> first = new ArrayList<>();
        List<Long> warm = new ArrayList<>();
        for (int i = 0; i < users; i++) {
          DataSource user = pools.forToken(emulator.patFor("user" + i + "@example.com"));
          long t0 = System.nanoTime();
          query(user);
          first.add(System.nanoTime() - t0);
          for (int r = 0; r < 50; r++) {
            long t1 = System.nanoTime();
            query(user);
            warm.add(System.nanoTime() - t1);
          }
        }
        System.out.printf("first request of a new user: median %.1f ms (n=%d)%n",
            median(first) / 1e6, first.size());
        System.out.printf("warm user request:           median %.2f ms (n=%d)%n",
            median(warm) / 1e6, warm.size());
        for (int round = 0; round < 2; round++) {
          double viaApp = throughput(i -> app);
          double viaUsers = throughput(i -> pools.forToken(
              emulator.patFor("user" + (i % users) + "@example.com")));
          System.out.printf("round %d: SELECT through the app pool %.0f/s, through user pools"
              + " %.0f/s (ratio %.2f)%n", round, viaApp, viaUsers, viaUsers / viaApp);
        }
      }
    }
  }

  private static double throughput(java.util.function.IntFunction<DataSource> source)
      throws Exception {
    int threads = 8;
    AtomicLong done = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      futures.add(pool.submit(() -> {
        int i = thread;
        while (System.nanoTime() < end) {
          query(source.apply(i++));
          done.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    pool.shutdown();
    return done.get() / 5.0;
  }

  private static void query(DataSource ds) throws Exception {
    try (Connection c = ds.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT current_user")) {
      rs.next();
    }
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }
}
