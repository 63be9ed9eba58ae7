package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.tee.app.AppContext;
import java.util.TreeMap;

/**
 * The ledger events of an accepted command. Everything here is public, so it holds only what is
 * public anyway:
 *
 * <ul>
 *   <li>{@value #STREAM}, one per market the command touched: {@code {"market", "events": [...]}},
 *       the market's public stream in sequence order, each item a {@code trade} ({@code tradeId,
 *       price, quantity, takerSide, makerOrderId, takerOrderId, makerFee, takerFee}) or a {@code
 *       book} level change ({@code side, price, quantity}, quantity 0 = level gone), each with its
 *       per-market {@code sequence} (1, 2, 3, ... without gaps);
 *   <li>{@value #ORDERS}: {@code {"orders": [{"orderId", "market", "status", "reason"?}]}} for the
 *       orders whose status this command set: the new order ({@code open}, {@code
 *       partially_filled}, {@code filled}, {@code expired}), cancelled ones, and own resting orders
 *       that self-trade prevention expired.
 * </ul>
 *
 * <p>Never emitted: accounts or addresses (the transaction's signer is public on the ledger
 * anyway), balances, client order ids, and the price or quantity of an order. A resting order's
 * price and open quantity still become public through the aggregated book change in the same
 * transaction, as in any public order book. Events are batched per kind so that a command emits a
 * bounded number of them (the ledger refuses more than 1,000 events per transaction), however many
 * fills it has.
 */
final class PublicEvents {
  static final String STREAM = "stream";
  static final String ORDERS = "orders";

  private PublicEvents() {}

  static void emit(AppContext ctx, Outcome out, Engine engine, DexConfig config) {
    TreeMap<String, ObjectNode> streams = new TreeMap<>();
    ObjectNode orders = DexJson.object();
    ArrayNode orderList = orders.putArray("orders");
    OrderReport placed = OrderReport.of(out);
    if (placed != null) {
      ObjectNode o = orderItem(orderList, placed.orderId(), placed.accepted().market());
      o.put("status", placed.status());
      if (placed.expired() != null) {
        o.put("reason", Display.name(placed.expired()));
      }
    }
    int trade = 0;
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.Trade t) {
        MarketSpec m = config.market(t.market());
        ObjectNode item = stream(streams, t.market()).addObject();
        item.put("sequence", t.sequence());
        item.put("type", "trade");
        item.put("tradeId", out.tradeIds().get(trade++));
        item.put("price", Display.price(m, t.price()));
        item.put("quantity", Display.quantity(m, t.quantity()));
        item.put("takerSide", Display.name(t.takerSide()));
        item.put("makerOrderId", t.makerOrderId());
        item.put("takerOrderId", t.takerOrderId());
        item.put("makerFee", Display.quote(m, t.makerFee()));
        item.put("takerFee", Display.quote(m, t.takerFee()));
      } else if (e instanceof DexEvent.BookLevelChanged b) {
        MarketSpec m = config.market(b.market());
        ObjectNode item = stream(streams, b.market()).addObject();
        item.put("sequence", b.sequence());
        item.put("type", "book");
        item.put("side", Display.name(b.side()));
        item.put("price", Display.price(m, b.price()));
        item.put("quantity", Display.quantity(m, b.quantity()));
      } else if (e instanceof DexEvent.OrderCancelled c) {
        orderItem(orderList, c.orderId(), engine.marketOf(c.orderId())).put("status", "cancelled");
      } else if (e instanceof DexEvent.OrderExpired x
          && (placed == null || x.orderId() != placed.orderId())) {
        orderItem(orderList, x.orderId(), engine.marketOf(x.orderId()))
            .put("status", "expired")
            .put("reason", Display.name(x.reason()));
      }
    }
    for (ObjectNode s : streams.values()) {
      ctx.emit(STREAM, DexJson.write(s));
    }
    if (orderList.size() > 0) {
      ctx.emit(ORDERS, DexJson.write(orders));
    }
  }

  private static ObjectNode orderItem(ArrayNode list, long orderId, String market) {
    ObjectNode o = list.addObject();
    o.put("orderId", orderId);
    o.put("market", market);
    return o;
  }

  private static ArrayNode stream(TreeMap<String, ObjectNode> streams, String market) {
    ObjectNode s = streams.get(market);
    if (s == null) {
      s = DexJson.object();
      s.put("market", market);
      s.putArray("events");
      streams.put(market, s);
    }
    return (ArrayNode) s.get("events");
  }
}
