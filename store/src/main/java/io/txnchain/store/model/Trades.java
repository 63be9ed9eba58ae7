package io.txnchain.store.model;

import java.util.Comparator;

/** The order every store lists an account's trades in. */
public final class Trades {
  private Trades() {}

  /** Newest block first; within a block by market name, then newest stream sequence first. */
  public static final Comparator<Trade> NEWEST_FIRST =
      Comparator.comparingLong(Trade::height)
          .reversed()
          .thenComparing(Trade::market)
          .thenComparing(Comparator.comparingLong(Trade::sequence).reversed());
}
