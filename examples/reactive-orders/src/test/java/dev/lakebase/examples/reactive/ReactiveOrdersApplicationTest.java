package dev.lakebase.examples.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakebase.pool.LakebasePooledDataSource;
import dev.lakebase.testkit.LakebaseEmulator;
import dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The application on the emulator, over HTTP: count, get by key, keyset streams; queries
 * run over the R2DBC pool, Flyway ran over the JDBC pool, one credential served both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureLakebaseEmulator
@ActiveProfiles("emulator")
class ReactiveOrdersApplicationTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @LocalServerPort
  int port;
  @Autowired
  ConnectionFactory connectionFactory;
  @Autowired
  DataSource dataSource;
  @Autowired
  LakebaseEmulator emulator;

  private WebClient http() {
    return WebClient.create("http://localhost:" + port);
  }

  @Test
  void countsGetsAndStreamsOrdersOverR2dbc() {
    assertThat(connectionFactory).isInstanceOf(ConnectionPool.class);
    assertThat(dataSource).isInstanceOf(LakebasePooledDataSource.class);

    Map<String, Object> count = http().get().uri("/orders/count").retrieve()
        .bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() {}).block(WAIT);
    assertThat(count).containsEntry("count", 50000);

    Order order = http().get().uri("/orders/42").retrieve().bodyToMono(Order.class).block(WAIT);
    assertThat(order.orderKey()).isEqualTo(42L);

    HttpStatus missing = (HttpStatus) http().get().uri("/orders/999999").exchangeToMono(
        r -> reactor.core.publisher.Mono.just(r.statusCode())).block(WAIT);
    assertThat(missing).isEqualTo(HttpStatus.NOT_FOUND);

    // 1,200 orders after key 100: three keyset pages of up to 500, one stream.
    List<Order> stream = http().get().uri("/orders?after=100&limit=1200")
        .accept(MediaType.APPLICATION_NDJSON).retrieve().bodyToFlux(Order.class)
        .collectList().block(WAIT);
    assertThat(stream).hasSize(1200);
    assertThat(stream.get(0).orderKey()).isEqualTo(101L);
    assertThat(stream.get(1199).orderKey()).isEqualTo(1300L);

    List<Order> tail = http().get().uri("/orders?after=49990&limit=100").retrieve()
        .bodyToFlux(Order.class).collectList().block(WAIT);
    assertThat(tail).hasSize(10);

    assertThat(emulator.counters().mints()).as("one token for Flyway (JDBC) and R2DBC")
        .isEqualTo(1);
  }
}
