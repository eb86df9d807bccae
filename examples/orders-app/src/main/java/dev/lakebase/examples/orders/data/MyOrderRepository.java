package dev.lakebase.examples.orders.data;

import dev.lakebase.spring.autoconfigure.LakebaseUserPoolsAutoConfiguration;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in user's orders, through the per-user DataSource: every statement runs as the
 * user's PostgreSQL role, so the row-level security policy of the V3 migration decides which
 * orders exist. No {@code WHERE o_owner = ...} here on purpose: the database enforces it.
 */
@Repository
@ConditionalOnBooleanProperty("lakebase.user-pools.enabled")
public class MyOrderRepository {

  private final JdbcClient jdbc;

  /** @param jdbc the current user's JdbcClient */
  public MyOrderRepository(
      @Qualifier(LakebaseUserPoolsAutoConfiguration.USER_JDBC_CLIENT) JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** @return the user's PostgreSQL role (their e-mail) */
  public String currentUser() {
    return jdbc.sql("SELECT current_user").query(String.class).single();
  }

  /**
   * @param limit how many
   * @return the user's orders by key
   */
  public List<Order> mine(int limit) {
    return jdbc.sql("SELECT " + OrderRepository.ORDER_COLUMNS + " FROM orders"
            + " ORDER BY o_orderkey LIMIT ?")
        .param(limit).query(OrderRepository.ORDER).list();
  }

  /**
   * Changes the status of one of the user's orders; the audit trigger records the user as
   * {@code changed_by}.
   *
   * @param orderKey the key
   * @param status F, O or P
   * @return the changed order, empty when the user has no such order
   */
  @Transactional(LakebaseUserPoolsAutoConfiguration.USER_TRANSACTION_MANAGER)
  public Optional<Order> updateStatus(long orderKey, String status) {
    int changed = jdbc.sql("UPDATE orders SET o_orderstatus = ? WHERE o_orderkey = ?")
        .param(status).param(orderKey).update();
    if (changed == 0) {
      return Optional.empty();
    }
    return jdbc.sql("SELECT " + OrderRepository.ORDER_COLUMNS + " FROM orders WHERE o_orderkey = ?")
        .param(orderKey).query(OrderRepository.ORDER).optional();
  }
}
