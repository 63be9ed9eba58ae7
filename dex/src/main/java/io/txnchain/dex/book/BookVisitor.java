package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/** Walks a book in canonical order: bids best first, then asks best first; orders in time order. */
public interface BookVisitor {
  /** A price level, before its orders. */
  void level(Side side, long price, long totalQuantity, int orderCount);

  /** An order of the level last visited, in time priority. */
  void order(long orderId, long account, long remaining, int flags);
}
