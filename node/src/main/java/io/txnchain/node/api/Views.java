package io.txnchain.node.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.store.model.Candle;
import io.txnchain.store.model.Interval;
import io.txnchain.store.model.Level;
import io.txnchain.store.model.OrderState;
import io.txnchain.store.model.Trade;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How store records appear in the trading API: decimal strings in whole tokens, field names after
 * Binance spot. Nothing here uses floating point.
 */
final class Views {
  static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, MarketSpec> markets;

  Views(Map<String, MarketSpec> markets) {
    this.markets = markets;
  }

  MarketSpec spec(String market) {
    return markets.get(market);
  }

  String price(String market, long units) {
    return FixedPoint.format(units, spec(market).priceScale());
  }

  String qty(String market, long units) {
    return FixedPoint.format(units, spec(market).quantityScale());
  }

  /** A quote-token amount (notional, fee, quote volume). */
  String quote(String market, long units) {
    return FixedPoint.format(units, spec(market).priceScale());
  }

  long notional(String market, long price, long qty) {
    return BigInteger.valueOf(price)
        .multiply(BigInteger.valueOf(qty))
        .divide(BigInteger.valueOf(spec(market).quantityScale()))
        .longValueExact();
  }

  ArrayNode levels(String market, List<Level> levels) {
    ArrayNode a = JSON.createArrayNode();
    for (Level l : levels) {
      a.addArray().add(price(market, l.price())).add(qty(market, l.quantity()));
    }
    return a;
  }

  ObjectNode trade(Trade t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("id", t.tradeId());
    o.put("market", t.market());
    o.put("sequence", t.sequence());
    o.put("price", price(t.market(), t.price()));
    o.put("qty", qty(t.market(), t.quantity()));
    o.put("quoteQty", quote(t.market(), notional(t.market(), t.price(), t.quantity())));
    o.put("time", t.timeMillis());
    o.put("takerSide", t.takerSide().toUpperCase(Locale.ROOT));
    o.put("isBuyerMaker", t.takerSide().equals("sell"));
    return o;
  }

  /** A trade as one of its two parties sees it. */
  ObjectNode myTrade(Trade t, String owner) {
    boolean maker = t.makerOwner().equals(owner);
    ObjectNode o = JSON.createObjectNode();
    o.put("id", t.tradeId());
    o.put("market", t.market());
    o.put("sequence", t.sequence());
    o.put("orderId", maker ? t.makerOrderId() : t.takerOrderId());
    o.put("price", price(t.market(), t.price()));
    o.put("qty", qty(t.market(), t.quantity()));
    o.put("quoteQty", quote(t.market(), notional(t.market(), t.price(), t.quantity())));
    o.put("fee", quote(t.market(), maker ? t.makerFee() : t.takerFee()));
    o.put("feeToken", spec(t.market()).quoteToken());
    o.put("isMaker", maker);
    o.put("isBuyer", maker != t.takerSide().equals("buy"));
    o.put("time", t.timeMillis());
    return o;
  }

  ObjectNode order(OrderState s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("orderId", s.orderId());
    o.put("market", s.market());
    o.put("side", s.side().toUpperCase(Locale.ROOT));
    o.put("price", price(s.market(), s.price()));
    o.put("restingQty", qty(s.market(), s.restingQuantity()));
    o.put("executedQty", qty(s.market(), s.executedQuantity()));
    o.put("cummulativeQuoteQty", quote(s.market(), s.executedQuote()));
    o.put("remainingQty", qty(s.market(), s.remaining()));
    o.put("status", status(s.status()));
    o.put("expireReason", s.reason());
    o.put("txId", s.txId());
    o.put("time", s.createdMillis());
    o.put("updateTime", s.updatedMillis());
    return o;
  }

  static String status(String internal) {
    switch (internal) {
      case "open":
        return "NEW";
      case "cancelled":
        return "CANCELED";
      default:
        return internal.toUpperCase(Locale.ROOT);
    }
  }

  ArrayNode kline(Candle c) {
    Interval iv = Interval.of(c.interval()).orElseThrow();
    ArrayNode a = JSON.createArrayNode();
    a.add(c.openTime());
    a.add(price(c.market(), c.open()));
    a.add(price(c.market(), c.high()));
    a.add(price(c.market(), c.low()));
    a.add(price(c.market(), c.close()));
    a.add(qty(c.market(), c.volume()));
    a.add(c.openTime() + iv.millis() - 1);
    a.add(quote(c.market(), c.quoteVolume()));
    a.add(c.trades());
    return a;
  }

  ObjectNode klineEvent(Candle c) {
    Interval iv = Interval.of(c.interval()).orElseThrow();
    ObjectNode k = JSON.createObjectNode();
    k.put("t", c.openTime());
    k.put("T", c.openTime() + iv.millis() - 1);
    k.put("i", c.interval());
    k.put("o", price(c.market(), c.open()));
    k.put("h", price(c.market(), c.high()));
    k.put("l", price(c.market(), c.low()));
    k.put("c", price(c.market(), c.close()));
    k.put("v", qty(c.market(), c.volume()));
    k.put("q", quote(c.market(), c.quoteVolume()));
    k.put("n", c.trades());
    return k;
  }
}
