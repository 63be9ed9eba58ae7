package io.txnchain.store.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Everything one ledger block changes in the store, as absolute values: applying the same update
 * twice leaves the same state, which is what makes the projection idempotent.
 *
 * @param height the ledger height this update brings the store to
 * @param trades new trades, in stream order
 * @param levels the new quantity of every level the block touched (0 = remove)
 * @param orders the new state of every order the block touched
 * @param candles the new state of every candle the block touched
 * @param markets the new stream position of every market the block touched
 * @param steps for each market the block touched, the range of stream sequences it applied
 * @param balances the last sealed balances snapshot the block carried for each owner, at most one
 *     per owner
 */
public record BlockUpdate(
    long height,
    long timeMillis,
    List<Trade> trades,
    List<Level> levels,
    List<OrderState> orders,
    List<Candle> candles,
    List<MarketState> markets,
    List<Step> steps,
    // Left out when empty, so journal lines and redo records of blocks without snapshots stay
    // readable by a version that predates them.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SealedBalances> balances) {

  /** The stream sequences {@code first..last} of {@code market} that a block applied. */
  public record Step(String market, long first, long last) {}

  public BlockUpdate {
    trades = List.copyOf(trades);
    levels = List.copyOf(levels);
    orders = List.copyOf(orders);
    candles = List.copyOf(candles);
    markets = List.copyOf(markets);
    steps = List.copyOf(steps);
    // Null when read from a journal line or redo record written before snapshots existed.
    balances = balances == null ? List.of() : List.copyOf(balances);
  }

  /** An update without sealed balances snapshots. */
  public BlockUpdate(
      long height,
      long timeMillis,
      List<Trade> trades,
      List<Level> levels,
      List<OrderState> orders,
      List<Candle> candles,
      List<MarketState> markets,
      List<Step> steps) {
    this(height, timeMillis, trades, levels, orders, candles, markets, steps, List.of());
  }

  /** An update that only moves the cursor: a block without DEX events. */
  public static BlockUpdate empty(long height, long timeMillis) {
    return new BlockUpdate(
        height, timeMillis, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
