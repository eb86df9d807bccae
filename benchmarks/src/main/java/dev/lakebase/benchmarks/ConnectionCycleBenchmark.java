package dev.lakebase.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Threads;

/**
 * Scenario 1, HikariCP-benchmark's connection cycle: 8 threads borrow and return a connection
 * from a pool of 32 over a stub driver. The pool over the bare stub is the baseline; the same
 * pool over {@code LakebaseDataSource} shows what the SDK adds to a borrow (by design nothing: a
 * borrow never reaches the SDK). {@link #cycleOneThread} measures the same cycle on one thread,
 * free of the scheduling effects of 8 threads on few cores.
 */
public class ConnectionCycleBenchmark extends PoolOverStubBenchmark {

  /**
   * Borrows a connection and returns it.
   *
   * @return the connection, so the work cannot be optimised away
   * @throws SQLException if the borrow fails
   */
  @Benchmark
  public Connection cycle() throws SQLException {
    Connection connection = pooled.dataSource().getConnection();
    connection.close();
    return connection;
  }

  /**
   * The same cycle on one thread.
   *
   * @return the connection, so the work cannot be optimised away
   * @throws SQLException if the borrow fails
   */
  @Benchmark
  @Threads(1)
  public Connection cycleOneThread() throws SQLException {
    return cycle();
  }
}
