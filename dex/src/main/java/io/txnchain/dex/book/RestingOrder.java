package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/**
 * A read-only view of an order resting in a book. A view returned by {@link OrderBook#find} is
 * valid only until the book is next changed.
 */
public interface RestingOrder {
  /** The order id. */
  long id();

  /** The owning account. */
  long account();

  /** The order's side. */
  Side side();

  /** The order's limit price. */
  long price();

  /** The quantity still open. */
  long remaining();

  /** The caller's opaque flags stored with the order. */
  int flags();
}
