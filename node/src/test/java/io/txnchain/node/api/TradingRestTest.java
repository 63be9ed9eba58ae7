package io.txnchain.node.api;

import static io.txnchain.node.api.ApiFixture.JSON;
import static io.txnchain.node.api.ApiFixture.body;
import static io.txnchain.node.api.ApiFixture.key;
import static io.txnchain.node.api.ApiFixture.owner;
import static io.txnchain.node.api.ApiFixture.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import io.txnchain.wire.tx.Transaction;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST contract of {@code /api/v1}, endpoint by endpoint with its errors, against a real node
 * on loopback: orders go through the ledger and the engine, reads come from the projected store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TradingRestTest {
  private static final long P2000 = 2_000_000_000L;
  private static final long P2010 = 2_010_000_000L;
  @TempDir static Path dir;
  private final Secp256k1KeyPair alice = key(1);
  private final Secp256k1KeyPair bob = key(2);
  private final Secp256k1KeyPair carol = key(3);
  private ApiFixture api;
  private long aliceBuy;
  private long bobSell;
  private long bobAsk;

  @BeforeAll
  void start() throws Exception {
    api = new ApiFixture(dir.resolve("n"), "embedded");
    api.deposit(alice, "USDC", "100000");
    api.deposit(bob, "ETH", "100");
    api.deposit(carol, "ETH", "100");
    aliceBuy =
        api.place(alice, Side.BUY, P2000, 200_000_000L, TimeInForce.GTC).path("orderId").asLong();
    JsonNode sell = api.place(bob, Side.SELL, P2000, 50_000_000L, TimeInForce.GTC);
    assertThat(sell.path("status").asText()).isEqualTo("filled");
    bobSell = sell.path("orderId").asLong();
    api.place(carol, Side.SELL, P2000, 30_000_000L, TimeInForce.IOC);
    bobAsk =
        api.place(bob, Side.SELL, P2010, 100_000_000L, TimeInForce.GTC).path("orderId").asLong();
    api.awaitProjection();
  }

  @AfterAll
  void stop() {
    api.close();
  }

  private static void assertError(HttpResponse<String> r, int status, int code) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("code").asInt()).as(r.body()).isEqualTo(code);
    assertThat(n.path("msg").asText()).isNotBlank();
    assertThat(n.size()).isEqualTo(2);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  @Test
  @Order(1)
  void exchangeInfoDescribesTheMarkets() throws Exception {
    JsonNode n = api.getJson("/api/v1/exchangeInfo");
    assertThat(n.path("storeHeight").asLong()).isPositive();
    assertThat(n.path("domain").path("chainId").asLong()).isEqualTo(31337);
    assertThat(n.path("rateLimits")).hasSize(2);
    JsonNode eth = null;
    for (JsonNode m : n.path("markets")) {
      if (m.path("market").asText().equals("ETH-USDC")) {
        eth = m;
      }
    }
    assertThat(eth).isNotNull();
    assertThat(eth.path("baseAsset").asText()).isEqualTo("ETH");
    assertThat(eth.path("quoteAssetPrecision").asInt()).isEqualTo(6);
    assertThat(eth.path("tickSize").asText()).isEqualTo("0.01");
    assertThat(eth.path("lotSize").asText()).isEqualTo("0.001");
    assertThat(eth.path("minNotional").asText()).isEqualTo("10");
    assertThat(eth.path("fees").path("makerBps").asInt()).isEqualTo(2);
    assertThat(eth.path("fees").path("takerBps").asInt()).isEqualTo(5);
  }

  @Test
  @Order(2)
  void depthIsTheEnginesBook() throws Exception {
    JsonNode d = api.getJson("/api/v1/depth?market=ETH-USDC&limit=5");
    assertThat(d.path("bids").toString()).isEqualTo("[[\"2000\",\"1.2\"]]");
    assertThat(d.path("asks").toString()).isEqualTo("[[\"2010\",\"1\"]]");
    JsonNode engine = api.engineBook("ETH-USDC");
    assertThat(d.path("lastUpdateId").asLong()).isEqualTo(engine.path("sequence").asLong());
    assertThat(api.getJson("/api/v1/depth?market=BTC-USDC").path("bids")).isEmpty();
    assertError(api.get("/api/v1/depth"), 400, -1102);
    assertError(api.get("/api/v1/depth?market=DOGE-USDC"), 400, -1121);
    assertError(api.get("/api/v1/depth?market=ETH-USDC&limit=0"), 400, -1100);
    assertError(api.get("/api/v1/depth?market=ETH-USDC&limit=1001"), 400, -1100);
    assertError(api.get("/api/v1/depth?market=ETH-USDC&limit=ten"), 400, -1100);
  }

  @Test
  @Order(3)
  void tradesNewestFirst() throws Exception {
    JsonNode t = api.getJson("/api/v1/trades?market=ETH-USDC");
    assertThat(t).hasSize(2);
    assertThat(t.get(0).path("qty").asText()).isEqualTo("0.3");
    assertThat(t.get(0).path("price").asText()).isEqualTo("2000");
    assertThat(t.get(0).path("quoteQty").asText()).isEqualTo("600");
    assertThat(t.get(0).path("isBuyerMaker").asBoolean()).isTrue();
    assertThat(t.get(0).path("takerSide").asText()).isEqualTo("SELL");
    assertThat(t.get(0).path("id").asText()).endsWith("-0");
    assertThat(t.get(0).path("sequence").asLong())
        .isGreaterThan(t.get(1).path("sequence").asLong());
    assertThat(api.getJson("/api/v1/trades?market=ETH-USDC&limit=1")).hasSize(1);
    assertError(api.get("/api/v1/trades"), 400, -1102);
    assertError(api.get("/api/v1/trades?market=ETH-USDC&limit=-1"), 400, -1100);
  }

  @Test
  @Order(4)
  void klinesAndTicker() throws Exception {
    JsonNode k = api.getJson("/api/v1/klines?market=ETH-USDC&interval=1m");
    long volume = 0;
    long count = 0;
    for (JsonNode c : k) {
      assertThat(c).hasSize(9);
      assertThat(c.get(6).asLong()).isEqualTo(c.get(0).asLong() + 59_999);
      volume += io.txnchain.dex.market.FixedPoint.parse(c.get(5).asText(), 100_000_000L);
      count += c.get(8).asLong();
    }
    assertThat(volume).isEqualTo(80_000_000L);
    assertThat(count).isEqualTo(2);
    JsonNode day = api.getJson("/api/v1/klines?market=ETH-USDC&interval=1d");
    assertThat(day).hasSize(1);
    assertThat(day.get(0).get(1).asText()).isEqualTo("2000");
    assertThat(day.get(0).get(7).asText()).isEqualTo("1600");
    long open = day.get(0).get(0).asLong();
    assertThat(api.getJson("/api/v1/klines?market=ETH-USDC&interval=1d&startTime=" + (open + 1)))
        .isEmpty();
    assertThat(
            api.getJson(
                "/api/v1/klines?market=ETH-USDC&interval=1d&startTime="
                    + open
                    + "&endTime="
                    + open))
        .hasSize(1);
    assertError(api.get("/api/v1/klines?market=ETH-USDC"), 400, -1102);
    assertError(api.get("/api/v1/klines?market=ETH-USDC&interval=3m"), 400, -1120);
    assertError(
        api.get("/api/v1/klines?market=ETH-USDC&interval=1m&startTime=10&endTime=5"), 400, -1100);

    JsonNode t = api.getJson("/api/v1/ticker/24hr?market=ETH-USDC");
    assertThat(t.path("lastPrice").asText()).isEqualTo("2000");
    assertThat(t.path("openPrice").asText()).isEqualTo("2000");
    assertThat(t.path("priceChangePercent").asText()).isEqualTo("0");
    assertThat(t.path("volume").asText()).isEqualTo("0.8");
    assertThat(t.path("quoteVolume").asText()).isEqualTo("1600");
    assertThat(t.path("count").asLong()).isEqualTo(2);
    JsonNode all = api.getJson("/api/v1/ticker/24hr");
    assertThat(all).hasSize(2);
    assertError(api.get("/api/v1/ticker/24hr?market=NOPE"), 400, -1121);
    assertError(api.get("/api/v1/nothing-here"), 404, -1404);
  }

  @Test
  @Order(5)
  void privateReadsForTheOwner() throws Exception {
    HttpResponse<String> r = api.privateGet(alice, "/api/v1/order", "orderId=" + aliceBuy);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode o = JSON.readTree(r.body());
    assertThat(o.path("status").asText()).isEqualTo("PARTIALLY_FILLED");
    assertThat(o.path("side").asText()).isEqualTo("BUY");
    assertThat(o.path("price").asText()).isEqualTo("2000");
    assertThat(o.path("restingQty").asText()).isEqualTo("2");
    assertThat(o.path("executedQty").asText()).isEqualTo("0.8");
    assertThat(o.path("cummulativeQuoteQty").asText()).isEqualTo("1600");
    assertThat(o.path("remainingQty").asText()).isEqualTo("1.2");

    JsonNode open = JSON.readTree(api.privateGet(alice, "/api/v1/openOrders", "").body());
    assertThat(open).hasSize(1);
    assertThat(open.get(0).path("orderId").asLong()).isEqualTo(aliceBuy);
    JsonNode bobs =
        JSON.readTree(api.privateGet(bob, "/api/v1/allOrders", "market=ETH-USDC").body());
    assertThat(bobs).hasSize(2);
    assertThat(bobs.get(0).path("orderId").asLong()).isEqualTo(bobAsk);
    assertThat(bobs.get(0).path("status").asText()).isEqualTo("NEW");
    assertThat(bobs.get(1).path("orderId").asLong()).isEqualTo(bobSell);
    assertThat(bobs.get(1).path("status").asText()).isEqualTo("FILLED");
    assertThat(JSON.readTree(api.privateGet(bob, "/api/v1/allOrders", "limit=1").body()))
        .hasSize(1);

    JsonNode mine =
        JSON.readTree(api.privateGet(alice, "/api/v1/myTrades", "market=ETH-USDC").body());
    assertThat(mine).hasSize(2);
    assertThat(mine.get(0).path("isMaker").asBoolean()).isTrue();
    assertThat(mine.get(0).path("isBuyer").asBoolean()).isTrue();
    assertThat(mine.get(0).path("fee").asText()).isEqualTo("0.12");
    assertThat(mine.get(0).path("feeToken").asText()).isEqualTo("USDC");
    assertThat(mine.get(0).path("orderId").asLong()).isEqualTo(aliceBuy);
    JsonNode carols = JSON.readTree(api.privateGet(carol, "/api/v1/myTrades", "").body());
    assertThat(carols).hasSize(1);
    assertThat(carols.get(0).path("isMaker").asBoolean()).isFalse();
    assertThat(carols.get(0).path("fee").asText()).isEqualTo("0.3");

    JsonNode account = JSON.readTree(api.privateGet(alice, "/api/v1/account", "").body());
    assertThat(account.path("address").asText()).isEqualTo(owner(alice));
    assertThat(account.path("openOrders").asInt()).isEqualTo(1);
    assertThat(account.path("balances").isNull()).isTrue();
    // Alice registered no view key, so there is no snapshot sealed to her.
    assertThat(account.has("sealedBalances")).isTrue();
    assertThat(account.path("sealedBalances").isNull()).isTrue();
    assertThat(account.path("balancesNote").asText()).contains("setViewKey");

    assertError(api.privateGet(alice, "/api/v1/order", "orderId=" + bobAsk), 404, -2013);
    assertError(api.privateGet(alice, "/api/v1/order", "orderId=424242"), 404, -2013);
    assertError(api.privateGet(alice, "/api/v1/order", ""), 400, -1102);
    assertError(api.privateGet(alice, "/api/v1/openOrders", "market=NOPE"), 400, -1121);
  }

  @Test
  @Order(6)
  void walletSignatureRules() throws Exception {
    String path = "/api/v1/openOrders";
    String me = alice.address().toChecksumHex();
    long now = System.currentTimeMillis();
    assertError(api.send("GET", path, null), 401, -1024);
    assertError(
        api.send("GET", path, null, signed(alice, me, "GET", path, "", now - 60_000)), 401, -1021);
    assertError(
        api.send("GET", path, null, signed(alice, me, "GET", path, "", now + 60_000)), 401, -1021);
    String[] stale = signed(alice, me, "GET", path, "", now);
    stale[3] = "yesterday";
    assertError(api.send("GET", path, null, stale), 401, -1021);
    // Bob's signature presented as Alice's.
    assertError(api.send("GET", path, null, signed(bob, me, "GET", path, "", now)), 401, -1022);
    // Signed for another path or query than the one requested.
    assertError(
        api.send("GET", path, null, signed(alice, me, "GET", "/api/v1/allOrders", "", now)),
        401,
        -1022);
    assertError(
        api.send("GET", path + "?market=ETH-USDC", null, signed(alice, me, "GET", path, "", now)),
        401,
        -1022);
    String[] garbled = signed(alice, me, "GET", path, "", now);
    garbled[5] = "0x1234";
    assertError(api.send("GET", path, null, garbled), 401, -1022);
    String[] badAddress = signed(alice, "0xnot-an-address", "GET", path, "", now);
    assertError(api.send("GET", path, null, badAddress), 401, -1022);
    String[] once = signed(alice, me, "GET", path, "", now);
    assertThat(api.send("GET", path, null, once).statusCode()).isEqualTo(200);
    assertError(api.send("GET", path, null, once), 401, -1023);
  }

  @Test
  @Order(7)
  void ordersAreForwardedAndRefusalsExplained() throws Exception {
    assertError(api.send("POST", "/api/v1/order", "not json"), 400, -1100);
    assertError(api.send("POST", "/api/v1/order", "{}"), 400, -1102);
    assertError(api.send("POST", "/api/v1/order", "{\"tx\":\"zz\"}"), 400, -1013);
    assertError(api.send("POST", "/api/v1/order", "{\"tx\":\"00ff\"}"), 400, -1013);
    Transaction kv = api.work(alice, "kv", "{\"op\":\"get\",\"key\":\"x\"}");
    assertError(api.send("POST", "/api/v1/order", body(kv)), 400, -1013);
    Transaction otherChain =
        Transaction.sign(
            new Transaction.Unsigned(
                "another-chain",
                io.txnchain.wire.tx.TxKind.WORK_ORDER,
                "x1",
                "dex",
                new byte[0],
                false,
                "{\"op\":\"markets\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                new byte[0]),
            alice);
    assertError(api.send("POST", "/api/v1/order", body(otherChain)), 400, -1013);

    Transaction offTick =
        api.work(
            alice,
            "dex",
            api.orderInput(alice, Side.BUY, P2000 + 1, 100_000_000L, TimeInForce.GTC));
    HttpResponse<String> r = api.send("POST", "/api/v1/order", body(offTick));
    assertError(r, 400, -2010);
    assertThat(JSON.readTree(r.body()).path("msg").asText()).startsWith("price_off_tick");

    Transaction tx = api.work(alice, "dex", "{\"op\":\"cancel\",\"id\":777777}");
    HttpResponse<String> cancel = api.send("DELETE", "/api/v1/order", body(tx));
    assertError(cancel, 400, -2011);
    assertThat(JSON.readTree(cancel.body()).path("msg").asText()).startsWith("unknown_order");

    Transaction markets = api.work(alice, "dex", "{\"op\":\"markets\"}");
    assertThat(api.send("POST", "/api/v1/order", body(markets)).statusCode()).isEqualTo(200);
    assertError(api.send("POST", "/api/v1/order", body(markets)), 409, -1014);
  }

  @Test
  @Order(8)
  void cancelsGoThroughTheLedgerAndShowInTheStore() throws Exception {
    Transaction one = api.work(bob, "dex", "{\"op\":\"cancel\",\"id\":" + bobAsk + "}");
    HttpResponse<String> r = api.send("DELETE", "/api/v1/order", body(one));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("txId").asText()).isEqualTo(one.id());
    assertThat(n.path("height").asLong()).isPositive();
    assertThat(n.path("result").path("cancelled")).hasSize(1);
    Transaction all = api.work(alice, "dex", "{\"op\":\"cancelAll\",\"market\":\"ETH-USDC\"}");
    assertThat(api.send("DELETE", "/api/v1/openOrders", body(all)).statusCode()).isEqualTo(200);
    api.awaitProjection();
    JsonNode d = api.getJson("/api/v1/depth?market=ETH-USDC");
    assertThat(d.path("bids")).isEmpty();
    assertThat(d.path("asks")).isEmpty();
    JsonNode o = JSON.readTree(api.privateGet(bob, "/api/v1/order", "orderId=" + bobAsk).body());
    assertThat(o.path("status").asText()).isEqualTo("CANCELED");
    JsonNode a =
        JSON.readTree(api.privateGet(alice, "/api/v1/order", "orderId=" + aliceBuy).body());
    assertThat(a.path("status").asText()).isEqualTo("CANCELED");
    assertThat(a.path("executedQty").asText()).isEqualTo("0.8");
    assertThat(JSON.readTree(api.privateGet(alice, "/api/v1/openOrders", "").body())).isEmpty();
  }

  @Test
  @Order(9)
  void openApiDescribesEveryEndpoint() throws Exception {
    JsonNode paths = api.getJson("/openapi.json").path("paths");
    for (String p :
        List.of(
            "/api/v1/exchangeInfo",
            "/api/v1/depth",
            "/api/v1/trades",
            "/api/v1/klines",
            "/api/v1/ticker/24hr",
            "/api/v1/order",
            "/api/v1/openOrders",
            "/api/v1/allOrders",
            "/api/v1/myTrades",
            "/api/v1/account",
            "/ws")) {
      assertThat(paths.has(p)).as(p).isTrue();
    }
    assertThat(paths.path("/api/v1/order").has("post")).isTrue();
    assertThat(paths.path("/api/v1/order").has("delete")).isTrue();
    assertThat(paths.path("/api/v1/order").has("get")).isTrue();
    assertThat(paths.path("/api/v1/openOrders").has("delete")).isTrue();
  }

  @Test
  @Order(10)
  void rebuildFromTheLedgerGivesTheSameAnswers() throws Exception {
    JsonNode status = api.getJson("/api/v1/admin/store");
    assertThat(status.path("kind").asText()).isEqualTo("embedded");
    assertThat(status.path("appliedHeight").asLong())
        .isEqualTo(status.path("ledgerHeight").asLong());
    assertThat(status.path("failure").isNull()).isTrue();
    String depth = api.getJson("/api/v1/depth?market=ETH-USDC").toString();
    String trades = api.getJson("/api/v1/trades?market=ETH-USDC").toString();
    String mine = api.privateGet(alice, "/api/v1/allOrders", "").body();
    HttpResponse<String> r = api.send("POST", "/api/v1/admin/store/rebuild", "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    long target = JSON.readTree(r.body()).path("rebuildTarget").asLong();
    assertThat(target).isPositive();
    long deadline = System.nanoTime() + 20_000_000_000L;
    JsonNode s;
    do {
      Thread.sleep(20);
      s = api.getJson("/api/v1/admin/store");
    } while ((s.path("rebuilding").asBoolean() || s.path("appliedHeight").asLong() < target)
        && System.nanoTime() < deadline);
    assertThat(s.path("appliedHeight").asLong()).isGreaterThanOrEqualTo(target);
    api.awaitProjection();
    assertThat(api.getJson("/api/v1/depth?market=ETH-USDC").toString()).isEqualTo(depth);
    assertThat(api.getJson("/api/v1/trades?market=ETH-USDC").toString()).isEqualTo(trades);
    assertThat(api.privateGet(alice, "/api/v1/allOrders", "").body()).isEqualTo(mine);
  }

  @Test
  @Order(100)
  void aClientOverItsRateGets429WithRetryAfter() throws Exception {
    // The earlier tests spent part of this address's budget: let the bucket (50/s, burst 100) fill.
    Thread.sleep(2_500);
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<String> limited = null;
    for (int i = 0; i < 400 && limited == null; i++) {
      HttpResponse<String> r = api.get("/api/v1/exchangeInfo");
      statuses.add(r.statusCode());
      if (r.statusCode() == 429) {
        limited = r;
      }
    }
    assertThat(limited).as("a 429 within 400 requests").isNotNull();
    assertError(limited, 429, -1003);
    long retry = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retry).isBetween(1L, 60L);
    assertThat(statuses.subList(0, 50)).containsOnly(200);
  }
}
