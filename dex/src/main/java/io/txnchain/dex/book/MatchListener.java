package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/**
 * Receives what a book does, in the order it does it. Implementations must not call back into the
 * book.
 */
public interface MatchListener {
  /**
   * The incoming order traded {@code quantity} with a resting order at the resting order's price.
   *
   * @param makerRemaining what is left of the resting order; 0 means it left the book
   */
  void trade(long makerOrderId, long makerAccount, long price, long quantity, long makerRemaining);

  /** Self-trade prevention removed a resting order with {@code remaining} still open. */
  void makerExpired(long makerOrderId, long makerAccount, long price, long remaining);

  /**
   * The total open quantity at a price level changed; 0 means the level is gone. Reported once per
   * level per operation, after the last change to it.
   */
  void levelChanged(Side side, long price, long totalQuantity);
}
