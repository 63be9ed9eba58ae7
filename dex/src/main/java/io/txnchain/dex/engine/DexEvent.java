package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;

/**
 * What the engine reports. {@link Public} events (trades and book changes) form each market's
 * public stream and carry a per-market sequence number that increases by exactly one per event, so
 * consumers can detect gaps; the others concern one account.
 */
public sealed interface DexEvent {

  /** An event of a market's public stream. */
  sealed interface Public extends DexEvent {
    /** The market symbol. */
    String market();

    /** The market's public sequence number: 1, 2, 3, ... */
    long sequence();
  }

  /** An address got (or already had) an account id. */
  record AccountRegistered(long account, EthAddress address) implements DexEvent {}

  /** A deposit was credited to the available balance. */
  record Deposited(long account, String token, long amount) implements DexEvent {}

  /** A withdrawal was debited from the available balance and awaits payout. */
  record WithdrawalRequested(long withdrawalId, long account, String token, long amount)
      implements DexEvent {}

  /** A deposit or withdrawal was refused. */
  record TransferRejected(long account, String token, long amount, RejectReason reason)
      implements DexEvent {}

  /** An order passed every check; its funds are locked. Fills may follow at once. */
  record OrderAccepted(
      long orderId,
      long account,
      String market,
      Side side,
      OrderType type,
      long price,
      long quantity,
      TimeInForce timeInForce,
      boolean postOnly,
      String clientOrderId)
      implements DexEvent {}

  /**
   * An order command (place, cancel, replace) was refused; {@code orderId} is 0 for new orders and
   * {@code market} may be {@code null} when it is not known.
   */
  record OrderRejected(
      long account, String market, long orderId, String clientOrderId, RejectReason reason)
      implements DexEvent {}

  /** An order traded {@code quantity} at {@code price} and still has {@code remaining} open. */
  record OrderPartiallyFilled(long orderId, long account, long price, long quantity, long remaining)
      implements DexEvent {}

  /** An order's last fill: {@code quantity} at {@code price}; nothing remains. */
  record OrderFilled(long orderId, long account, long price, long quantity) implements DexEvent {}

  /** The owner cancelled a resting order; {@code remaining} was unlocked. */
  record OrderCancelled(long orderId, long account, long remaining) implements DexEvent {}

  /** An order's open quantity expired without trading; it was unlocked. */
  record OrderExpired(long orderId, long account, long remaining, ExpireReason reason)
      implements DexEvent {}

  /** A resting order now has a new price and open quantity, and lost its time priority. */
  record OrderReplaced(long orderId, long account, long price, long quantity) implements DexEvent {}

  /** A fill between a resting (maker) and an incoming (taker) order, at the maker's price. */
  record Trade(
      String market,
      long sequence,
      long tradeId,
      long makerOrderId,
      long makerAccount,
      long takerOrderId,
      long takerAccount,
      Side takerSide,
      long price,
      long quantity,
      long makerFee,
      long takerFee)
      implements Public {}

  /** The open quantity at a price level is now {@code quantity}; 0 means the level is gone. */
  record BookLevelChanged(String market, long sequence, Side side, long price, long quantity)
      implements Public {}
}
