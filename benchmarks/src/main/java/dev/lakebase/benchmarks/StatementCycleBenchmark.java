package dev.lakebase.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 2, HikariCP-benchmark's statement cycle: each of 8 threads holds a pooled connection
 * and creates, executes and closes statements on it. Bare stub vs the SDK under the same pool.
 */
public class StatementCycleBenchmark extends PoolOverStubBenchmark {

  /** The connection one benchmark thread holds for an iteration. */
  @State(Scope.Thread)
  public static class Held {
    Connection connection;

    /**
     * Borrows the thread's connection.
     *
     * @param benchmark the pool's owner
     * @throws SQLException if the borrow fails
     */
    @Setup(Level.Iteration)
    public void borrow(StatementCycleBenchmark benchmark) throws SQLException {
      connection = benchmark.pooled.dataSource().getConnection();
    }

    /**
     * Returns it.
     *
     * @throws SQLException if closing fails
     */
    @TearDown(Level.Iteration)
    public void giveBack() throws SQLException {
      connection.close();
    }
  }

  /**
   * Creates, executes and closes a statement.
   *
   * @param held the thread's connection
   * @param blackhole consumes the execute result
   * @return the statement, so the work cannot be optimised away
   * @throws SQLException if a call fails
   */
  @Benchmark
  public Statement cycle(Held held, Blackhole blackhole) throws SQLException {
    Statement statement = held.connection.createStatement();
    blackhole.consume(statement.execute("INSERT INTO test (column) VALUES (1)"));
    statement.close();
    return statement;
  }
}
