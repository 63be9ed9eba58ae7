package io.txnchain.dex.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.dex.engine.DexEvent;
import io.txnchain.dex.engine.Engine;
import io.txnchain.dex.market.MarketSpec;
import io.txnchain.wire.dex.OrderType;

/**
 * The result of an accepted command. Results never show balances: when the request was not sealed
 * the result is public on the ledger, and a balance is private (ask the sealed {@code balances}
 * query).
 */
final class Replies {
  private Replies() {}

  static ObjectNode of(AppCommand c, Outcome out, Engine engine, DexConfig config) {
    if (c instanceof AppCommand.Deposit d) {
      return transfer("deposit", d.token(), d.amount(), config).put("status", "credited");
    }
    if (c instanceof AppCommand.Withdraw w) {
      ObjectNode n = transfer("withdraw", w.token(), w.amount(), config);
      for (DexEvent e : out.events()) {
        if (e instanceof DexEvent.WithdrawalRequested r) {
          n.put("withdrawalId", r.withdrawalId());
        }
      }
      return n.put("status", "requested");
    }
    if (c instanceof AppCommand.PlaceOrder) {
      return order(out, config);
    }
    return cancelled(
        c instanceof AppCommand.CancelAll ? "cancelAll" : "cancel", out, engine, config);
  }

  private static ObjectNode transfer(String op, String token, long amount, DexConfig config) {
    ObjectNode n = DexJson.object();
    n.put("op", op);
    n.put("token", token);
    n.put("amount", Amounts.format(amount, config.token(token).scale()));
    return n;
  }

  private static ObjectNode order(Outcome out, DexConfig config) {
    OrderReport report = OrderReport.of(out);
    DexEvent.OrderAccepted a = report.accepted();
    MarketSpec m = config.market(a.market());
    ObjectNode n = DexJson.object();
    n.put("op", "order");
    n.put("orderId", a.orderId());
    n.put("market", a.market());
    n.put("side", Display.name(a.side()));
    n.put("type", Display.name(a.type()));
    if (a.type() == OrderType.LIMIT) {
      n.put("price", Display.price(m, a.price()));
    }
    n.put("quantity", Display.quantity(m, a.quantity()));
    n.put("timeInForce", a.timeInForce().name());
    n.put("postOnly", a.postOnly());
    if (a.clientOrderId() != null) {
      n.put("clientOrderId", a.clientOrderId());
    }
    n.put("status", report.status());
    n.put("filled", Display.quantity(m, report.filled()));
    n.put("resting", Display.quantity(m, report.resting()));
    if (report.expired() != null) {
      n.put("expireReason", Display.name(report.expired()));
    }
    ArrayNode fills = n.putArray("fills");
    int index = 0;
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.Trade t) {
        String tradeId = out.tradeIds().get(index++);
        if (t.takerOrderId() == a.orderId()) {
          ObjectNode f = fills.addObject();
          f.put("tradeId", tradeId);
          f.put("price", Display.price(m, t.price()));
          f.put("quantity", Display.quantity(m, t.quantity()));
          f.put("fee", Display.quote(m, t.takerFee()));
          f.put("feeToken", m.quoteToken());
          f.put("liquidity", "taker");
        }
      }
    }
    return n;
  }

  private static ObjectNode cancelled(String op, Outcome out, Engine engine, DexConfig config) {
    ObjectNode n = DexJson.object();
    n.put("op", op);
    ArrayNode list = n.putArray("cancelled");
    for (DexEvent e : out.events()) {
      if (e instanceof DexEvent.OrderCancelled x) {
        String market = engine.marketOf(x.orderId());
        ObjectNode item = list.addObject();
        item.put("orderId", x.orderId());
        item.put("market", market);
        item.put("remaining", Display.quantity(config.market(market), x.remaining()));
      }
    }
    return n;
  }
}
