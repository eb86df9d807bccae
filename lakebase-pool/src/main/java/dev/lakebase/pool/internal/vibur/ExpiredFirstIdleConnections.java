package dev.lakebase.pool.internal.vibur;

import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.vibur.dbcp.pool.ConnHolder;
import org.vibur.objectpool.util.ConcurrentCollection;

/**
 * The idle connections of a Vibur pool: a deque like Vibur's default (borrow and return at the
 * head), except that {@link #pollLast()}, which the pool calls only to shrink, yields a connection
 * past its lifetime before the least recently used one.
 */
final class ExpiredFirstIdleConnections implements ConcurrentCollection<ConnHolder> {

  private final ConcurrentLinkedDeque<ConnHolder> deque = new ConcurrentLinkedDeque<>();
  private final ViburLifetime lifetime;

  ExpiredFirstIdleConnections(ViburLifetime lifetime) {
    this.lifetime = lifetime;
  }

  @Override
  public void offerFirst(ConnHolder connection) {
    deque.addFirst(connection);
  }

  @Override
  public void offerLast(ConnHolder connection) {
    deque.addLast(connection);
  }

  @Override
  public ConnHolder pollFirst() {
    return deque.pollFirst();
  }

  @Override
  public ConnHolder pollLast() {
    long now = System.nanoTime();
    for (Iterator<ConnHolder> it = deque.descendingIterator(); it.hasNext(); ) {
      ConnHolder connection = it.next();
      // removeLastOccurrence fails if a borrower took the connection meanwhile: look further.
      if (lifetime.expired(connection, now) && deque.removeLastOccurrence(connection)) {
        return connection;
      }
    }
    return deque.pollLast();
  }

  @Override
  public int size() {
    return deque.size();
  }

  int countExpired(long now) {
    int expired = 0;
    for (ConnHolder connection : deque) {
      if (lifetime.expired(connection, now)) {
        expired++;
      }
    }
    return expired;
  }
}
