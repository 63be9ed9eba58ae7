package io.txnchain.store;

import io.txnchain.store.model.BlockUpdate;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Depth;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.MarketState;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.SealedBalances;
import io.txnchain.store.model.Trade;
import java.util.List;
import java.util.Optional;

/**
 * The order-book store: a projection of the DEX's public ledger events that serves the trading API.
 * Everything in it can be rebuilt from the ledger, so it holds nothing that is not public.
 *
 * <p>Writes come only from the projection, one {@link BlockUpdate} per ledger block, in height
 * order; reads may come from any thread. Owners are lower-case {@code 0x} addresses.
 */
public interface OrderBookStore extends AutoCloseable {

  /** A short name of the implementation: {@code embedded}, {@code postgres}, {@code mongodb}. */
  String kind();

  /** The height of the last block applied; 0 for an empty store. */
  long appliedHeight();

  /**
   * Applies one block atomically (the implementation guarantees that after a crash either all of it
   * or none of it is visible, or that re-applying it completes it). Returns false, changing
   * nothing, when {@code update.height() <= appliedHeight()}; throws {@link StoreException} when it
   * is not the next height.
   */
  boolean apply(BlockUpdate update);

  /**
   * Applies consecutive blocks, as {@link #apply} does one by one; an implementation may write them
   * in one transaction, so that catching up costs one commit per batch rather than per block.
   * Returns how many were applied.
   */
  default int applyAll(java.util.List<BlockUpdate> updates) {
    int n = 0;
    for (BlockUpdate u : updates) {
      if (apply(u)) {
        n++;
      }
    }
    return n;
  }

  /** Removes everything, for a rebuild from the ledger. */
  void clear();

  Optional<MarketState> market(String market);

  /** The open quantity at a level, 0 when there is none. */
  long level(String market, String side, long price);

  Optional<OrderState> order(long orderId);

  Optional<Candle> candle(String market, Interval interval, long openTime);

  /** Up to {@code limit} levels per side, best first, with the stream sequence they reflect. */
  Depth depth(String market, int limit);

  /** The newest trades of a market, newest first. */
  List<Trade> trades(String market, int limit);

  /** Candles with {@code start <= openTime <= end}, oldest first, at most {@code limit}. */
  List<Candle> candles(String market, Interval interval, long start, long end, int limit);

  /**
   * The owner's orders, newest first; {@code market} null for every market, {@code openOnly} for
   * those that may still trade.
   */
  List<OrderState> ordersOf(String owner, String market, boolean openOnly, int limit);

  /** Trades in which one of the owner's orders took part, newest first. */
  List<Trade> tradesOf(String owner, String market, int limit);

  /**
   * The latest balances snapshot the DEX published for {@code owner} (lower-case), sealed to the
   * owner's view key; empty when the owner has none.
   */
  Optional<SealedBalances> sealedBalances(String owner);

  @Override
  void close();
}
