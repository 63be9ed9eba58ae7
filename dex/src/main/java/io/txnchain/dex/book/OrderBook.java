package io.txnchain.dex.book;

import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;

/**
 * A single market's limit order book with price-time priority: better prices match first, and at
 * one price earlier orders match first. A book does no validation and holds no balances; the engine
 * checks ticks, lots, balances, post-only and fill-or-kill before calling it.
 *
 * <p>Matching contract, identical for every implementation (their {@link #stateHash()} and listener
 * calls are compared in tests): the incoming order walks the opposite side from the best level
 * while the level's price is at or better than its limit; within a level it meets resting orders in
 * time order. Meeting an order of its own account applies the incoming order's
 * self-trade-prevention mode; otherwise it trades {@code min(remaining, makerRemaining)} at the
 * resting price. {@link MatchListener#levelChanged} is reported when matching leaves a level it
 * changed. The unfilled rest is appended at the back of its own price level if {@code rest} is set
 * and self-trade prevention did not stop the order.
 */
public interface OrderBook {

  /**
   * Matches an incoming order and, if {@code rest}, rests what is left.
   *
   * @param orderId a fresh id, unique among resting orders
   * @param flags opaque caller data stored with the order if it rests
   */
  TakerOutcome submit(
      long orderId,
      long account,
      Side side,
      long limitPrice,
      long quantity,
      boolean rest,
      SelfTradePrevention stp,
      int flags,
      MatchListener listener);

  /** Removes a resting order; returns its remaining quantity, or -1 (and no call) if absent. */
  long cancel(long orderId, MatchListener listener);

  /** The resting order with this id, or {@code null}. */
  RestingOrder find(long orderId);

  /** Whether an order of {@code side} at {@code limitPrice} would trade with the opposite side. */
  boolean crosses(Side side, long limitPrice);

  /**
   * How much of {@code wanted} an incoming order could fill right now, walking the book as {@link
   * #submit} would: orders of {@code account} stop the walk under {@code EXPIRE_TAKER} and {@code
   * EXPIRE_BOTH} and are skipped under {@code EXPIRE_MAKER}. Stops counting once {@code wanted} is
   * reached.
   */
  long fillable(long account, Side side, long limitPrice, SelfTradePrevention stp, long wanted);

  /** The best price on {@code side}, or 0 when that side is empty. */
  long bestPrice(Side side);

  /** Ids of the resting orders of {@code account}, ascending. */
  long[] orderIdsOf(long account);

  /** Number of resting orders. */
  int orderCount();

  /** Walks the book in canonical order (see {@link BookVisitor}). */
  void visit(BookVisitor visitor);

  /** SHA-256 of the canonical serialization (see {@link BookHash}). */
  default byte[] stateHash() {
    return BookHash.of(this);
  }
}
