package dev.lakebase.examples.ingest.write;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** What a failed write means for its rows: retry them, look for the bad one, or give up. */
public enum SqlFailures {
  /** The connection or the server failed, not the rows: retry the same rows. */
  TRANSIENT,
  /** PostgreSQL refused a value or a constraint (SQLSTATE class 22 or 23): find the row. */
  DATA,
  /** Anything else (a dropped table, a missing privilege): retrying will not help. */
  PERMANENT;

  /**
   * @param failure what a write threw
   * @return how to treat it
   */
  public static SqlFailures classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
          || t instanceof IOException) {
        return TRANSIENT;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return classify(sql.getSQLState());
      }
    }
    return PERMANENT;
  }

  private static SqlFailures classify(String sqlState) {
    if (sqlState.startsWith("08") // connection exception (pgjdbc: 08006 when a session drops)
        || sqlState.startsWith("53") // insufficient resources, e.g. too many connections
        || sqlState.startsWith("57P") // admin shutdown, crash, cannot connect now (waking)
        || sqlState.equals("57014") // statement cancelled
        || sqlState.equals("40001") || sqlState.equals("40P01") // serialization, deadlock
        || sqlState.equals("55P03")) { // lock not available
      return TRANSIENT;
    }
    return sqlState.startsWith("22") || sqlState.startsWith("23") ? DATA : PERMANENT;
  }
}
