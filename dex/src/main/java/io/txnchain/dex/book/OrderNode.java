package io.txnchain.dex.book;

import io.txnchain.wire.dex.Side;

/** A pooled resting order: an intrusive node of its level's doubly-linked time-priority queue. */
final class OrderNode implements RestingOrder {
  long id;
  long account;
  long price;
  long remaining;
  int flags;
  Side side;
  PriceLevel level;
  OrderNode prev;
  OrderNode next;

  @Override
  public long id() {
    return id;
  }

  @Override
  public long account() {
    return account;
  }

  @Override
  public Side side() {
    return side;
  }

  @Override
  public long price() {
    return price;
  }

  @Override
  public long remaining() {
    return remaining;
  }

  @Override
  public int flags() {
    return flags;
  }
}
