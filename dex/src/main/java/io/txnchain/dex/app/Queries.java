package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.dex.book.BookVisitor;
import io.txnchain.dex.book.RestingOrder;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.market.FeeSchedule;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.Side;

/**
 * Answers read-only queries. {@code markets}, {@code book} and {@code trades} show public data;
 * {@code orders} and {@code balances} show only the caller's own, and {@link Requests} lets them
 * through only when the request was sealed, so that their answer is sealed to the caller too.
 */
final class Queries {
  private Queries() {}

  private static void feesInto(ObjectNode fees, MarketSpec m, FeeSchedule f) {
    fees.put("makerBps", f.makerBps());
    fees.put("takerBps", f.takerBps());
    fees.put("makerPerLot", Display.quote(m, f.makerPerLot()));
    fees.put("takerPerLot", Display.quote(m, f.takerPerLot()));
    fees.put("token", m.quoteToken());
  }

  static ObjectNode answer(Query q, Exchange ex, DexConfig config, EthAddress caller) {
    if (q instanceof Query.Markets) {
      return markets(ex.engine(), config);
    }
    if (q instanceof Query.Book b) {
      return book(ex.engine(), config.market(b.market()), b.depth());
    }
    if (q instanceof Query.Trades t) {
      return trades(ex, config.market(t.market()), t.limit());
    }
    if (q instanceof Query.Orders o) {
      return orders(ex.engine(), config, caller, o.market());
    }
    return balances(ex.engine(), config, caller);
  }

  private static ObjectNode markets(Engine engine, DexConfig config) {
    ObjectNode n = DexJson.object();
    n.set("domain", OrderJson.domain(config.domain()));
    n.put("devFaucet", config.devFaucet());
    ArrayNode tokens = n.putArray("tokens");
    for (TokenSpec t : config.tokens()) {
      tokens.addObject().put("symbol", t.symbol()).put("decimals", t.decimals());
    }
    ArrayNode markets = n.putArray("markets");
    for (MarketSpec m : config.markets()) {
      ObjectNode o = markets.addObject();
      o.put("symbol", m.symbol());
      o.put("base", m.baseToken());
      o.put("quote", m.quoteToken());
      o.put("priceDecimals", config.token(m.quoteToken()).decimals());
      o.put("quantityDecimals", config.token(m.baseToken()).decimals());
      o.put("tickSize", Display.price(m, m.tickSize()));
      o.put("lotSize", Display.quantity(m, m.lotSize()));
      o.put("minNotional", Display.quote(m, m.minNotional()));
      o.put("priceBandBps", m.priceBandBps());
      feesInto(o.putObject("fees"), m, engine.fees(m.symbol()));
      // What buy orders lock for, and the most governance can set.
      feesInto(o.putObject("feeCap"), m, m.fees());
      long last = engine.lastTradePrice(m.symbol());
      if (last == 0) {
        o.putNull("lastPrice");
      } else {
        o.put("lastPrice", Display.price(m, last));
      }
      o.put("sequence", engine.sequence(m.symbol()));
    }
    return n;
  }

  private static ObjectNode book(Engine engine, MarketSpec m, int depth) {
    ObjectNode n = DexJson.object();
    n.put("market", m.symbol());
    n.put("sequence", engine.sequence(m.symbol()));
    ArrayNode bids = n.putArray("bids");
    ArrayNode asks = n.putArray("asks");
    engine.visitBook(
        m.symbol(),
        new BookVisitor() {
          @Override
          public void level(Side side, long price, long totalQuantity, int orderCount) {
            ArrayNode levels = side == Side.BUY ? bids : asks;
            if (levels.size() < depth) {
              levels
                  .addObject()
                  .put("price", Display.price(m, price))
                  .put("quantity", Display.quantity(m, totalQuantity));
            }
          }

          @Override
          public void order(long orderId, long account, long remaining, int flags) {}
        });
    return n;
  }

  private static ObjectNode trades(Exchange ex, MarketSpec m, int limit) {
    ObjectNode n = DexJson.object();
    n.put("market", m.symbol());
    ArrayNode list = n.putArray("trades");
    for (RecentTrade t : ex.recentTrades(m.symbol(), limit)) {
      ObjectNode o = list.addObject();
      o.put("tradeId", t.tradeId());
      o.put("sequence", t.sequence());
      o.put("price", Display.price(m, t.price()));
      o.put("quantity", Display.quantity(m, t.quantity()));
      o.put("takerSide", Display.name(t.takerSide()));
      o.put("timeMillis", t.timeMillis());
    }
    return n;
  }

  private static ObjectNode orders(
      Engine engine, DexConfig config, EthAddress caller, String market) {
    ObjectNode n = DexJson.object();
    n.put("address", caller.toChecksumHex());
    ArrayNode list = n.putArray("orders");
    long account = engine.accountOf(caller);
    if (account < 0) {
      return n;
    }
    for (long id : engine.openOrderIds(account)) {
      String symbol = engine.marketOf(id);
      if (market != null && !market.equals(symbol)) {
        continue;
      }
      MarketSpec m = config.market(symbol);
      RestingOrder o = engine.order(id);
      ObjectNode item = list.addObject();
      item.put("orderId", id);
      item.put("market", symbol);
      item.put("side", Display.name(o.side()));
      item.put("price", Display.price(m, o.price()));
      item.put("remaining", Display.quantity(m, o.remaining()));
      String clientId = engine.clientOrderIdOf(id);
      if (clientId != null) {
        item.put("clientOrderId", clientId);
      }
    }
    return n;
  }

  static ObjectNode balances(Engine engine, DexConfig config, EthAddress caller) {
    ObjectNode n = DexJson.object();
    n.put("address", caller.toChecksumHex());
    ArrayNode list = n.putArray("balances");
    long account = engine.accountOf(caller);
    for (TokenSpec t : config.tokens()) {
      long available = account < 0 ? 0 : engine.available(account, t.symbol());
      long locked = account < 0 ? 0 : engine.locked(account, t.symbol());
      list.addObject()
          .put("token", t.symbol())
          .put("available", Amounts.format(available, t.scale()))
          .put("locked", Amounts.format(locked, t.scale()));
    }
    return n;
  }
}
