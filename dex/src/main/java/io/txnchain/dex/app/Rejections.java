package io.txnchain.dex.app;

import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.RejectReason;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.tee.app.AppRejectedException;

/**
 * Turns the engine's refusal of a command into an {@link AppRejectedException}: the reason code is
 * the {@link RejectReason}'s lower_snake_case name, and the message explains it with the market's
 * public parameters but never the request's own values, which may have been sealed.
 */
final class Rejections {
  private Rejections() {}

  static AppRejectedException of(DexEvent rejection, DexConfig config) {
    RejectReason reason;
    MarketSpec market = null;
    boolean transfer = false;
    boolean byClientId = false;
    if (rejection instanceof DexEvent.OrderRejected r) {
      reason = r.reason();
      market = r.market() == null ? null : config.market(r.market());
      byClientId = r.orderId() == 0 && r.clientOrderId() != null;
    } else if (rejection instanceof DexEvent.TransferRejected t) {
      reason = t.reason();
      transfer = true;
    } else {
      throw new IllegalArgumentException("not a rejection: " + rejection);
    }
    return new AppRejectedException(
        reason.wireName(), message(reason, market, transfer, byClientId));
  }

  static String message(RejectReason reason, MarketSpec m, boolean transfer, boolean byClientId) {
    switch (reason) {
      case UNKNOWN_MARKET:
        return "no such market; see the markets query";
      case UNKNOWN_TOKEN:
        return "no such token; see the markets query";
      case INVALID_ORDER:
        return "the order's fields contradict each other: a market order needs price 0 and IOC"
            + " or FOK, post-only needs a GTC limit order, a client order id has at most 64"
            + " characters";
      case INVALID_AMOUNT:
        return "the amount must be positive";
      case PRICE_OFF_TICK:
        return "the price must be a positive multiple of the tick size"
            + (m == null ? "" : " (" + quote(m, m.tickSize()) + ")");
      case QUANTITY_OFF_LOT:
        return "the quantity must be a positive multiple of the lot size"
            + (m == null ? "" : " (" + base(m, m.lotSize()) + ")");
      case BELOW_MIN_NOTIONAL:
        return "the order's value is below the market's minimum notional"
            + (m == null ? "" : " (" + quote(m, m.minNotional()) + ")");
      case INSUFFICIENT_BALANCE:
        return transfer
            ? "the available balance does not cover the amount (locked funds cannot be withdrawn)"
            : "the available balance does not cover what the order locks: a sell its quantity, a"
                + " buy its value at the limit price plus the higher of the maker and taker fee";
      case OVERFLOW:
        return "a price, quantity or amount is so large that a total would overflow";
      case POST_ONLY_WOULD_CROSS:
        return "the post-only order would trade on entry";
      case FOK_CANNOT_FILL:
        return "the fill-or-kill order cannot be filled completely right now";
      case NOT_OWNER:
        return "the order belongs to another account";
      case UNKNOWN_ORDER:
        return byClientId
            ? "you have no open order with this client order id"
            : "there is no open order with this id";
      case DUPLICATE_CLIENT_ID:
        return "you already have an open order with this client order id";
      case PRICE_BAND_EXCEEDED:
        return "the best opposite price is outside the market order's price band"
            + (m == null ? "" : " (" + m.priceBandBps() + " bps from the last price)");
      case NO_LIQUIDITY:
        return "the opposite side of the book is empty";
      case MALFORMED_SIGNATURE:
        return "the signature is not 65 bytes, has r or s out of range, or recovers to no key";
      case INVALID_V:
        return "the signature's v must be 27 or 28";
      case HIGH_S_SIGNATURE:
        return "the signature's s is in the upper half of the curve order (EIP-2)";
      case ZERO_SIGNER:
        return "the signature recovers to the zero address";
      case SIGNER_MISMATCH:
        return "the signature is not the trader's over this order under this domain";
      case WRONG_DOMAIN:
        return "the order was signed for another chain id or settlement contract; see the"
            + " markets query";
      case ORDER_EXPIRED:
        return "the order's expiry is at or before the block time";
      case NONCE_REUSED:
        return "the trader already used this nonce";
      case DUPLICATE_ORDER:
        return "this signed order was already accepted";
      case MALFORMED_PAYLOAD:
        return "the payload cannot be decoded";
      default:
        return reason.wireName();
    }
  }

  private static String quote(MarketSpec m, long units) {
    return Amounts.format(units, m.priceScale()) + " " + m.quoteToken();
  }

  private static String base(MarketSpec m, long units) {
    return Amounts.format(units, m.quantityScale()) + " " + m.baseToken();
  }
}
