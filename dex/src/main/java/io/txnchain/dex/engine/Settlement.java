package io.txnchain.dex.engine;

import io.txnchain.dex.book.MatchListener;
import io.txnchain.dex.market.Pricing;
import io.txnchain.wire.dex.Side;

/**
 * Turns what a book reports into balance changes and events. Every fill is at the maker's price:
 *
 * <ul>
 *   <li>the buyer's lock shrinks by {@code buyLock(limit, before) - buyLock(limit, after)}; the
 *       notional and the buyer's fee are paid from it and the surplus (a better price, a lower fee,
 *       rounding) returns to available; the buyer receives the base quantity;
 *   <li>the seller's locked base shrinks by the quantity; the seller receives the notional minus
 *       its fee, the fee capped at the notional;
 *   <li>both fees go to the market's fee account.
 * </ul>
 *
 * Nothing here can overflow or fail: the engine checked every amount when the orders were accepted,
 * and a fill never exceeds what either order locked.
 */
final class Settlement implements MatchListener {
  private final Ledger ledger;
  private final ClientOrderIds clientIds;
  EventSink out = EventSink.NONE;
  long nextTradeId = 1;

  MarketState market;
  private Account taker;
  private long takerOrderId;
  private Side takerSide;
  private long takerLimit;
  private long takerRemaining;

  Settlement(Ledger ledger, ClientOrderIds clientIds) {
    this.ledger = ledger;
    this.clientIds = clientIds;
  }

  /** Starts matching an incoming order. */
  void beginTaker(MarketState m, Account a, long orderId, Side side, long limit, long quantity) {
    market = m;
    taker = a;
    takerOrderId = orderId;
    takerSide = side;
    takerLimit = limit;
    takerRemaining = quantity;
  }

  /** Ends matching; returns the incoming order's unfilled quantity. */
  long endTaker() {
    taker = null;
    return takerRemaining;
  }

  /** Releases what an order of {@code side} at {@code price} with {@code qty} open locks. */
  static void unlockOrder(MarketState m, Account a, Side side, long price, long qty) {
    if (side == Side.BUY) {
      a.unlock(m.quote, m.pricing.buyLock(price, qty));
    } else {
      a.unlock(m.base, qty);
    }
  }

  @Override
  public void trade(
      long makerOrderId, long makerAccount, long price, long quantity, long makerRemaining) {
    MarketState m = market;
    Pricing px = m.pricing;
    Account maker = ledger.get(makerAccount);
    long notional = px.notional(price, quantity);
    long makerFee = px.makerFee(notional, quantity);
    long takerFee = px.takerFee(notional, quantity);
    long before = takerRemaining;
    takerRemaining = before - quantity;
    if (takerSide == Side.BUY) {
      settleBuyer(m, taker, takerLimit, before, takerRemaining, notional, takerFee, quantity);
      makerFee = Math.min(makerFee, notional);
      settleSeller(m, maker, quantity, notional, makerFee);
    } else {
      takerFee = Math.min(takerFee, notional);
      settleSeller(m, taker, quantity, notional, takerFee);
      long makerBefore = makerRemaining + quantity;
      settleBuyer(m, maker, price, makerBefore, makerRemaining, notional, makerFee, quantity);
    }
    if (makerFee + takerFee != 0) {
      ledger.creditFee(m.spec.feeAccount(), m.quote, makerFee + takerFee);
    }
    m.lastTradePrice = price;
    out.accept(
        new DexEvent.Trade(
            m.symbol,
            ++m.sequence,
            nextTradeId++,
            makerOrderId,
            makerAccount,
            takerOrderId,
            taker.id,
            takerSide,
            price,
            quantity,
            makerFee,
            takerFee));
    if (makerRemaining == 0) {
      out.accept(new DexEvent.OrderFilled(makerOrderId, makerAccount, price, quantity));
      clientIds.unbind(makerOrderId);
    } else {
      out.accept(
          new DexEvent.OrderPartiallyFilled(
              makerOrderId, makerAccount, price, quantity, makerRemaining));
    }
    if (takerRemaining == 0) {
      out.accept(new DexEvent.OrderFilled(takerOrderId, taker.id, price, quantity));
    } else {
      out.accept(
          new DexEvent.OrderPartiallyFilled(
              takerOrderId, taker.id, price, quantity, takerRemaining));
    }
  }

  private static void settleBuyer(
      MarketState m,
      Account buyer,
      long limit,
      long before,
      long after,
      long notional,
      long fee,
      long quantity) {
    Pricing px = m.pricing;
    long release = px.buyLock(limit, before) - px.buyLock(limit, after);
    buyer.locked[m.quote] -= release;
    buyer.available[m.quote] += release - notional - fee;
    buyer.available[m.base] += quantity;
  }

  private static void settleSeller(
      MarketState m, Account seller, long quantity, long notional, long fee) {
    seller.locked[m.base] -= quantity;
    seller.available[m.quote] += notional - fee;
  }

  @Override
  public void makerExpired(long makerOrderId, long makerAccount, long price, long remaining) {
    unlockOrder(market, ledger.get(makerAccount), takerSide.opposite(), price, remaining);
    out.accept(
        new DexEvent.OrderExpired(
            makerOrderId, makerAccount, remaining, ExpireReason.SELF_TRADE_PREVENTION));
    clientIds.unbind(makerOrderId);
  }

  @Override
  public void levelChanged(Side side, long price, long totalQuantity) {
    MarketState m = market;
    out.accept(new DexEvent.BookLevelChanged(m.symbol, ++m.sequence, side, price, totalQuantity));
  }
}
