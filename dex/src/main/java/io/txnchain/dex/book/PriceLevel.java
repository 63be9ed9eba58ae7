package io.txnchain.dex.book;

/**
 * A pooled price level: its orders in time priority (head = oldest), with the running total of
 * their remaining quantities. Invariant: {@code total} is the sum of the orders' remaining and
 * {@code count} their number; a level with no orders is removed from its side at once.
 */
final class PriceLevel {
  long price;
  long total;
  int count;
  OrderNode head;
  OrderNode tail;
  PriceLevel nextFree;

  /** Appends at the back of the queue: the newest order has the lowest priority. */
  void append(OrderNode o) {
    o.level = this;
    o.next = null;
    o.prev = tail;
    if (tail == null) {
      head = o;
    } else {
      tail.next = o;
    }
    tail = o;
    total += o.remaining;
    count++;
  }

  /** Unlinks {@code o}, subtracting what it still had open from the total. */
  void unlink(OrderNode o) {
    OrderNode p = o.prev;
    OrderNode n = o.next;
    if (p == null) {
      head = n;
    } else {
      p.next = n;
    }
    if (n == null) {
      tail = p;
    } else {
      n.prev = p;
    }
    total -= o.remaining;
    count--;
    o.prev = null;
    o.next = null;
    o.level = null;
  }
}
