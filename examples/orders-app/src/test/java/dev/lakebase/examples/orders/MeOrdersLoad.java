package dev.lakebase.examples.orders;

import java.net.URI;
import java.net.http.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/**
 * Not a test: the measured figure of the README's "My orders" section. Against a running app
 * (the emulator run), alternating rounds of 8 threads: requests/s of the service principal's
 * {@code /orders/stream} and of {@code /me/orders} as the demo users.
 * {@code java examples/orders-app/src/test/java/dev/lakebase/examples/orders/MeOrdersLoad.java
 * http://localhost:8080 8}
 */
public final class MeOrdersLoad {

  private MeOrdersLoad() {}

  public static void main(String[] a) throws Exception {
    String base = a[0];
    int seconds = Integer.parseInt(a[1]);
    HttpClient c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int round = 0; round < 3; round++) {
      double sp = run(c, base + "/orders/stream?page_size=20", null, seconds);
      double me = run(c, base + "/me/orders?limit=20", new String[] {"dapi-emulator-alice", "dapi-emulator-bob"}, seconds);
      System.out.printf("round %d: service principal /orders/stream %.0f req/s, /me/orders %.0f req/s, ratio %.2f%n", round, sp, me, me / sp);
    }
  }

  static double run(HttpClient c, String url, String[] tokens, int seconds) throws Exception {
    AtomicLong ok = new AtomicLong(), bad = new AtomicLong();
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService ex = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int th = t;
      fs.add(ex.submit(() -> {
        int i = th;
        while (System.nanoTime() < end) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
          if (tokens != null) b.header("X-Forwarded-Access-Token", tokens[i++ % tokens.length]);
          try {
            HttpResponse<String> r = c.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) ok.incrementAndGet(); else bad.incrementAndGet();
          } catch (Exception e) { bad.incrementAndGet(); }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) f.get();
    ex.shutdown();
    if (bad.get() > 0) System.out.println("  failures on " + url + ": " + bad.get());
    return ok.get() / (double) seconds;
  }
}
