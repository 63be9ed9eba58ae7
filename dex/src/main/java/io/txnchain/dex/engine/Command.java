package io.txnchain.dex.engine;

import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.SignedOrder;
import io.txnchain.wire.dex.TimeInForce;

/**
 * An input to the engine. Commands carry everything they need; the block time comes alongside in
 * {@link Engine#apply}. Accounts are the engine's {@code long} ids (see {@link Register}).
 */
public sealed interface Command {

  /** Gives {@code address} an account id (1, 2, 3, ... in order of registration). */
  record Register(EthAddress address) implements Command {}

  /** Credits {@code amount} of {@code token} (the dev faucet, later the settlement bridge). */
  record Deposit(long account, String token, long amount) implements Command {}

  /** Debits {@code amount} of {@code token} from the available balance for payout. */
  record Withdraw(long account, String token, long amount) implements Command {}

  /**
   * Places an order. Market orders carry price 0 and IOC or FOK; post-only requires a GTC limit
   * order. An empty or {@code null} client order id means none.
   */
  record Place(
      long account,
      String market,
      Side side,
      OrderType type,
      long price,
      long quantity,
      TimeInForce timeInForce,
      boolean postOnly,
      SelfTradePrevention selfTradePrevention,
      String clientOrderId)
      implements Command {

    /** A GTC limit order with default self-trade prevention and no client id. */
    public static Place limit(long account, String market, Side side, long price, long quantity) {
      return new Place(
          account,
          market,
          side,
          OrderType.LIMIT,
          price,
          quantity,
          TimeInForce.GTC,
          false,
          SelfTradePrevention.EXPIRE_TAKER,
          null);
    }

    /** An IOC market order with default self-trade prevention and no client id. */
    public static Place market(long account, String market, Side side, long quantity) {
      return new Place(
          account,
          market,
          side,
          OrderType.MARKET,
          0,
          quantity,
          TimeInForce.IOC,
          false,
          SelfTradePrevention.EXPIRE_TAKER,
          null);
    }

    /** This order with another time in force. */
    public Place withTimeInForce(TimeInForce tif) {
      return new Place(
          account,
          market,
          side,
          type,
          price,
          quantity,
          tif,
          postOnly,
          selfTradePrevention,
          clientOrderId);
    }

    /** This order as post-only. */
    public Place asPostOnly() {
      return new Place(
          account,
          market,
          side,
          type,
          price,
          quantity,
          timeInForce,
          true,
          selfTradePrevention,
          clientOrderId);
    }

    /** This order with another self-trade-prevention mode. */
    public Place withSelfTradePrevention(SelfTradePrevention stp) {
      return new Place(
          account, market, side, type, price, quantity, timeInForce, postOnly, stp, clientOrderId);
    }

    /** This order with a client order id. */
    public Place withClientOrderId(String id) {
      return new Place(
          account,
          market,
          side,
          type,
          price,
          quantity,
          timeInForce,
          postOnly,
          selfTradePrevention,
          id);
    }
  }

  /** Places an EIP-712 signed order after verifying signature, domain, expiry and replay. */
  record PlaceSigned(SignedOrder order) implements Command {}

  /** Cancels a resting order by id. */
  record Cancel(long account, long orderId) implements Command {}

  /**
   * Governance sets the fees {@code market} charges on fills from now on; they must fit under the
   * market's listed schedule.
   */
  record SetFees(String market, FeeSchedule fees) implements Command {}

  /** Cancels the account's resting order with that client order id. */
  record CancelByClientId(long account, String clientOrderId) implements Command {}

  /** Cancels all the account's resting orders in {@code market}, or everywhere if {@code null}. */
  record CancelAll(long account, String market) implements Command {}

  /**
   * Atomically moves a resting order to a new price and open quantity, keeping its id, side and
   * flags; it goes to the back of the queue and may trade at once (unless post-only, which is then
   * rejected). If the replacement is refused, the original order stays as it was.
   */
  record Replace(long account, long orderId, long price, long quantity) implements Command {}
}
