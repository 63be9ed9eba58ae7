package io.txnchain.dex.app;

import static io.txnchain.dex.app.DexFixture.ALICE;
import static io.txnchain.dex.app.DexFixture.BOB;
import static io.txnchain.dex.app.DexFixture.CAROL;
import static io.txnchain.dex.app.DexFixture.addr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DexAppTest {
  final DexFixture dex = new DexFixture();

  private static List<String> fieldNames(JsonNode n) {
    List<String> names = new ArrayList<>();
    n.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void depositOrderMatchFeesAndEvents() {
    JsonNode deposit = dex.deposit(ALICE, "USDC", "10000").output();
    assertThat(deposit.path("status").asText()).isEqualTo("credited");
    assertThat(deposit.path("amount").asText()).isEqualTo("10000");
    assertThat(deposit.has("available")).as("results never show balances").isFalse();
    dex.deposit(BOB, "ETH", "2");

    TestLedger.Result ask = dex.place(dex.limit(BOB, Side.SELL, "2000", "1").clientId("b1"));
    long askId = ask.output().path("orderId").asLong();
    assertThat(ask.output().path("status").asText()).isEqualTo("open");
    assertThat(ask.output().path("resting").asText()).isEqualTo("1");
    assertThat(ask.output().path("clientOrderId").asText()).isEqualTo("b1");
    assertThat(ask.events())
        .extracting(TestLedger.Emitted::type)
        .containsExactly("stream", "orders");
    JsonNode book1 = ask.events().get(0).data();
    assertThat(book1.path("market").asText()).isEqualTo("ETH-USDC");
    assertThat(book1.path("events").get(0).toString())
        .isEqualTo(
            "{\"sequence\":1,\"type\":\"book\",\"side\":\"sell\",\"price\":\"2000\",\"quantity\":\"1\"}");
    JsonNode accepted = ask.events().get(1).data().path("orders").get(0);
    assertThat(fieldNames(accepted)).containsExactly("orderId", "market", "status");
    assertThat(accepted.path("orderId").asLong()).isEqualTo(askId);
    assertThat(accepted.path("status").asText()).isEqualTo("open");

    TestLedger.Result bid = dex.place(dex.limit(ALICE, Side.BUY, "2000.5", "0.5"));
    JsonNode out = bid.output();
    assertThat(out.path("status").asText()).isEqualTo("filled");
    assertThat(out.path("filled").asText()).isEqualTo("0.5");
    assertThat(out.path("resting").asText()).isEqualTo("0");
    JsonNode fill = out.path("fills").get(0);
    assertThat(fill.path("tradeId").asText()).isEqualTo(bid.txId() + "-0");
    assertThat(fill.path("price").asText()).as("trades at the maker's price").isEqualTo("2000");
    assertThat(fill.path("quantity").asText()).isEqualTo("0.5");
    assertThat(fill.path("fee").asText()).as("5 bps of 1000 USDC").isEqualTo("0.5");

    JsonNode stream = bid.events().get(0).data().path("events");
    assertThat(stream).hasSize(2);
    JsonNode trade = stream.get(0);
    assertThat(trade.path("sequence").asLong()).isEqualTo(2);
    assertThat(trade.path("type").asText()).isEqualTo("trade");
    assertThat(trade.path("tradeId").asText()).isEqualTo(bid.txId() + "-0");
    assertThat(trade.path("makerOrderId").asLong()).isEqualTo(askId);
    assertThat(trade.path("makerFee").asText()).isEqualTo("0.2");
    assertThat(trade.path("takerFee").asText()).isEqualTo("0.5");
    assertThat(trade.has("makerAccount") || trade.has("taker")).isFalse();
    assertThat(stream.get(1).path("sequence").asLong()).isEqualTo(3);
    assertThat(stream.get(1).path("quantity").asText()).isEqualTo("0.5");
    assertThat(bid.events().get(1).data().path("orders").get(0).path("status").asText())
        .isEqualTo("filled");

    assertThat(dex.balances(ALICE))
        .containsEntry("USDC", List.of("8999.5", "0"))
        .containsEntry("ETH", List.of("0.5", "0"));
    assertThat(dex.balances(BOB))
        .containsEntry("USDC", List.of("999.8", "0"))
        .containsEntry("ETH", List.of("1", "0.5"));

    JsonNode bobOrders = dex.ok(BOB, "{\"op\":\"orders\"}").output().path("orders");
    assertThat(bobOrders).hasSize(1);
    assertThat(bobOrders.get(0).path("orderId").asLong()).isEqualTo(askId);
    assertThat(bobOrders.get(0).path("remaining").asText()).isEqualTo("0.5");
    assertThat(bobOrders.get(0).path("clientOrderId").asText()).isEqualTo("b1");
    assertThat(dex.ok(ALICE, "{\"op\":\"orders\"}").output().path("orders")).isEmpty();

    JsonNode book = dex.ok(CAROL, "{\"op\":\"book\",\"market\":\"ETH-USDC\"}").output();
    assertThat(book.path("sequence").asLong()).isEqualTo(3);
    assertThat(book.path("bids")).isEmpty();
    assertThat(book.path("asks").toString())
        .isEqualTo("[{\"price\":\"2000\",\"quantity\":\"0.5\"}]");

    JsonNode trades = dex.ok(CAROL, "{\"op\":\"trades\",\"market\":\"ETH-USDC\"}").output();
    assertThat(trades.path("trades")).hasSize(1);
    assertThat(trades.path("trades").get(0).path("tradeId").asText()).isEqualTo(bid.txId() + "-0");
    assertThat(trades.path("trades").get(0).path("takerSide").asText()).isEqualTo("buy");
  }

  @Test
  void aSweepNumbersItsTradesAndEmitsOneStreamEvent() {
    dex.deposit(BOB, "ETH", "10");
    dex.deposit(ALICE, "USDC", "100000");
    for (int i = 0; i < 5; i++) {
      dex.place(dex.limit(BOB, Side.SELL, "2000." + i, "0.1"));
    }
    TestLedger.Result sweep = dex.place(dex.limit(ALICE, Side.BUY, "2001", "0.5"));
    assertThat(sweep.output().path("fills")).hasSize(5);
    assertThat(sweep.output().path("fills").get(4).path("tradeId").asText())
        .isEqualTo(sweep.txId() + "-4");
    assertThat(sweep.events())
        .extracting(TestLedger.Emitted::type)
        .containsExactly("stream", "orders");
    JsonNode items = sweep.events().get(0).data().path("events");
    long first = items.get(0).path("sequence").asLong();
    for (int i = 0; i < items.size(); i++) {
      assertThat(items.get(i).path("sequence").asLong()).as("no gaps").isEqualTo(first + i);
    }
    JsonNode trades =
        dex.ok(CAROL, "{\"op\":\"trades\",\"market\":\"ETH-USDC\",\"limit\":2}").output();
    assertThat(trades.path("trades")).hasSize(2);
    assertThat(trades.path("trades").get(0).path("tradeId").asText())
        .as("newest first")
        .isEqualTo(sweep.txId() + "-4");
  }

  @Test
  void cancelsByIdByClientIdAndAll() {
    dex.deposit(BOB, "ETH", "3");
    long a = dex.place(dex.limit(BOB, Side.SELL, "2100", "1")).output().path("orderId").asLong();
    dex.place(dex.limit(BOB, Side.SELL, "2200", "1").clientId("x"));
    dex.place(dex.limit(BOB, Side.SELL, "2300", "1"));
    assertThat(dex.balances(BOB)).containsEntry("ETH", List.of("0", "3"));

    TestLedger.Result byId = dex.ok(BOB, "{\"op\":\"cancel\",\"id\":" + a + "}");
    assertThat(byId.output().path("cancelled").toString())
        .isEqualTo("[{\"orderId\":" + a + ",\"market\":\"ETH-USDC\",\"remaining\":\"1\"}]");
    JsonNode event = byId.events().get(1).data().path("orders").get(0);
    assertThat(event.path("status").asText()).isEqualTo("cancelled");
    assertThat(byId.events().get(0).data().path("events").get(0).path("quantity").asText())
        .as("the level is gone")
        .isEqualTo("0");

    TestLedger.Result byClientId = dex.ok(BOB, "{\"op\":\"cancel\",\"clientId\":\"x\"}");
    assertThat(byClientId.output().path("cancelled")).hasSize(1);
    TestLedger.Result all = dex.ok(BOB, "{\"op\":\"cancelAll\",\"market\":\"ETH-USDC\"}");
    assertThat(all.output().path("cancelled")).hasSize(1);
    assertThat(dex.balances(BOB)).containsEntry("ETH", List.of("3", "0"));
    assertThat(dex.ok(BOB, "{\"op\":\"cancelAll\"}").output().path("cancelled")).isEmpty();
  }

  @Test
  void immediateOrdersExpireWhatDoesNotFill() {
    dex.deposit(BOB, "ETH", "1");
    dex.deposit(ALICE, "USDC", "10000");
    dex.place(dex.limit(BOB, Side.SELL, "2000", "0.2"));

    JsonNode ioc =
        dex.place(dex.limit(ALICE, Side.BUY, "2000", "0.5").tif(TimeInForce.IOC)).output();
    assertThat(ioc.path("status").asText()).isEqualTo("expired");
    assertThat(ioc.path("filled").asText()).isEqualTo("0.2");
    assertThat(ioc.path("resting").asText()).isEqualTo("0");
    assertThat(ioc.path("expireReason").asText()).isEqualTo("unfilled_immediate");

    dex.place(dex.limit(BOB, Side.SELL, "2010", "0.3"));
    JsonNode market =
        dex.place(dex.limit(ALICE, Side.BUY, "0", "0.1").marketOrder(TimeInForce.IOC)).output();
    assertThat(market.path("type").asText()).isEqualTo("market");
    assertThat(market.has("price")).isFalse();
    assertThat(market.path("status").asText()).isEqualTo("filled");
    assertThat(market.path("fills").get(0).path("price").asText()).isEqualTo("2010");
  }

  @Test
  void selfTradePreventionExpiresTheOwnMakerAndSaysSo() {
    dex.deposit(BOB, "ETH", "1");
    dex.deposit(BOB, "USDC", "10000");
    long maker =
        dex.place(dex.limit(BOB, Side.SELL, "2000", "0.5")).output().path("orderId").asLong();
    TestLedger.Result taker =
        dex.place(dex.limit(BOB, Side.BUY, "2000", "0.5").stp(SelfTradePrevention.EXPIRE_MAKER));
    JsonNode orders = taker.events().get(1).data().path("orders");
    assertThat(orders).hasSize(2);
    assertThat(orders.get(1).path("orderId").asLong()).isEqualTo(maker);
    assertThat(orders.get(1).path("status").asText()).isEqualTo("expired");
    assertThat(orders.get(1).path("reason").asText()).isEqualTo("self_trade_prevention");
    assertThat(taker.output().path("status").asText()).isEqualTo("open");
  }

  @Test
  void withdrawalsDebitTheBalanceAndAreKeptForSettlement() {
    dex.deposit(ALICE, "USDC", "100");
    JsonNode out =
        dex.ok(ALICE, "{\"op\":\"withdraw\",\"token\":\"USDC\",\"amount\":\"40.25\"}").output();
    assertThat(out.path("withdrawalId").asLong()).isEqualTo(1);
    assertThat(out.path("amount").asText()).isEqualTo("40.25");
    assertThat(out.path("status").asText()).isEqualTo("requested");
    assertThat(dex.balances(ALICE)).containsEntry("USDC", List.of("59.75", "0"));
    byte[] stored = dex.ledger.privateState.get(CommandLog.key(CommandLog.WITHDRAWAL_PREFIX, 1));
    JsonNode record = TestLedger.parse(stored);
    assertThat(record.path("address").asText()).isEqualTo(addr(ALICE));
    assertThat(record.path("amount").asText()).isEqualTo("40250000");
    assertThat(dex.ledger.publicState.map).as("nothing of it is public").isEmpty();
  }

  @Test
  void ordersMayArriveUnsealedButPrivateQueriesMayNot() throws Exception {
    dex.deposit(BOB, "ETH", "1");
    JsonNode out = dex.runUnsealed(BOB, dex.limit(BOB, Side.SELL, "2000", "1").json()).output();
    assertThat(out.path("status").asText()).isEqualTo("open");
    dex.refused(BOB, false, "{\"op\":\"balances\"}", "private_query_requires_seal");
    dex.refused(BOB, false, "{\"op\":\"orders\"}", "private_query_requires_seal");
    assertThat(
            dex.runUnsealed(CAROL, "{\"op\":\"book\",\"market\":\"ETH-USDC\"}")
                .output()
                .path("asks"))
        .hasSize(1);
  }

  @Test
  void marketsShowDomainTokensAndFees() throws Exception {
    JsonNode m = dex.runUnsealed(CAROL, "{\"op\":\"markets\"}").output();
    assertThat(m.path("domain").path("name").asText()).isEqualTo("Pixie DEX");
    assertThat(m.path("domain").path("chainId").asLong()).isEqualTo(DexConfig.DEV_CHAIN_ID);
    assertThat(m.path("domain").path("verifyingContract").asText())
        .isEqualTo(DexConfig.placeholderContract(DexFixture.CHAIN).toChecksumHex());
    assertThat(m.path("devFaucet").asBoolean()).isTrue();
    assertThat(m.path("tokens").toString())
        .isEqualTo(
            "[{\"symbol\":\"BTC\",\"decimals\":8},{\"symbol\":\"ETH\",\"decimals\":8},"
                + "{\"symbol\":\"USDC\",\"decimals\":6}]");
    JsonNode eth = m.path("markets").get(0);
    assertThat(eth.path("symbol").asText()).isEqualTo("ETH-USDC");
    assertThat(eth.path("tickSize").asText()).isEqualTo("0.01");
    assertThat(eth.path("lotSize").asText()).isEqualTo("0.001");
    assertThat(eth.path("minNotional").asText()).isEqualTo("10");
    assertThat(eth.path("priceDecimals").asInt()).isEqualTo(6);
    assertThat(eth.path("quantityDecimals").asInt()).isEqualTo(8);
    assertThat(eth.path("fees").path("makerBps").asLong()).isEqualTo(2);
    assertThat(eth.path("fees").path("takerBps").asLong()).isEqualTo(5);
    assertThat(eth.path("lastPrice").isNull()).isTrue();
    assertThat(m.path("markets").get(1).path("symbol").asText()).isEqualTo("BTC-USDC");
  }
}
