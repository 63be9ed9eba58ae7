package io.txnchain.dex.book;

/** What became of an incoming order once matching stopped. */
public enum TakerOutcome {
  /** Completely filled. */
  FILLED,
  /** The unfilled rest was added to the book. */
  RESTED,
  /** The unfilled rest expired: the order was not allowed to rest (IOC, FOK, market). */
  EXPIRED,
  /** Self-trade prevention stopped the order; its unfilled rest expired. */
  SELF_TRADE
}
