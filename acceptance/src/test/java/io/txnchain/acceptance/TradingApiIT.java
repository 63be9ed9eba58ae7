package io.txnchain.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.client.sdk.MarketData;
import io.txnchain.client.sdk.TradingApiException;
import io.txnchain.client.sdk.TradingClient;
import io.txnchain.client.sdk.TradingStream;
import io.txnchain.client.sdk.UserKey;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trading API end to end: a node process from {@code up}, sealed orders placed by the CLI, the
 * market data and the owner's orders read back through the SDK, and {@code store rebuild}.
 */
class TradingApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private static JsonNode ok(Cli.Run run) throws Exception {
    assertThat(run.exitCode()).as("stdout %s stderr %s", run.stdout(), run.stderr()).isZero();
    return JSON.readTree(run.stdout());
  }

  @Test
  void sealedOrdersThroughTheCliShowInTheApiAndSurviveARebuild() throws Exception {
    try (NodeProcess node =
        NodeProcess.up(dir.resolve("data"), NodeProcess.freePort(), dir.resolve("node.log"))) {
      Path aliceKey = dir.resolve("alice.key");
      Path bobKey = dir.resolve("bob.key");
      Cli alice = new Cli(node.url(), aliceKey);
      Cli bob = new Cli(node.url(), bobKey);
      ok(alice.run("keys", "new", "--out", aliceKey.toString()));
      ok(bob.run("keys", "new", "--out", bobKey.toString()));
      TradingStream.LocalBook book = new TradingStream.LocalBook();
      java.util.concurrent.atomic.AtomicInteger gaps =
          new java.util.concurrent.atomic.AtomicInteger();
      TradingStream stream =
          TradingStream.connect(
              URI.create(node.url()),
              m -> {
                if (m.path("stream").asText().equals("depth@ETH-USDC")
                    && !book.apply(m.path("data"))) {
                  gaps.incrementAndGet();
                }
              });
      stream.subscribe("depth@ETH-USDC");
      ok(alice.run("dex", "deposit", "--token", "USDC", "--amount", "10000", "--json"));
      ok(bob.run("dex", "deposit", "--token", "ETH", "--amount", "5", "--json"));
      // Alice's balances are sealed to her view key from now on; Bob has none.
      JsonNode registered = ok(alice.run("dex", "view-key", "--json"));
      assertThat(registered.path("viewKey").asText()).hasSize(64);
      JsonNode buy =
          ok(
              alice.run(
                  "dex",
                  "order",
                  "--market",
                  "ETH-USDC",
                  "--side",
                  "buy",
                  "--price",
                  "2000.5",
                  "--qty",
                  "1.25",
                  "--json"));
      long buyId = buy.path("orderId").asLong();
      ok(
          bob.run(
              "dex",
              "order",
              "--market",
              "ETH-USDC",
              "--side",
              "sell",
              "--price",
              "2000",
              "--qty",
              "1",
              "--json"));

      TradingClient api = TradingClient.connect(URI.create(node.url()));
      long head =
          JSON.readTree(new Cli(node.url(), aliceKey).run("head", "--json").stdout())
              .path("height")
              .asLong();
      assertThat(api.awaitStore(head, Duration.ofSeconds(10))).isTrue();

      MarketData.Depth depth = api.depth("ETH-USDC", 10);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (book.lastUpdateId() < depth.lastUpdateId() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(gaps.get()).isZero();
      assertThat(book.lastUpdateId()).isEqualTo(depth.lastUpdateId());
      assertThat(book.bids()).isEqualTo(depth.bids());
      assertThat(book.asks()).isEqualTo(depth.asks());
      stream.close();
      assertThat(depth.bids())
          .containsExactly(new MarketData.Level(new BigDecimal("2000.5"), new BigDecimal("0.25")));
      assertThat(depth.asks()).isEmpty();
      List<MarketData.Trade> trades = api.trades("ETH-USDC", 10);
      assertThat(trades).hasSize(1);
      assertThat(trades.get(0).price()).isEqualByComparingTo("2000.5");
      assertThat(trades.get(0).qty()).isEqualByComparingTo("1");
      assertThat(api.klines("ETH-USDC", "1m", null, null, 10)).hasSize(1);
      assertThat(api.ticker24h("ETH-USDC").volume()).isEqualByComparingTo("1");

      UserKey a = UserKey.load(aliceKey);
      MarketData.OrderInfo mine = api.order(a, buyId);
      assertThat(mine.status()).isEqualTo("PARTIALLY_FILLED");
      assertThat(mine.executedQty()).isEqualByComparingTo("1");
      assertThat(mine.remainingQty()).isEqualByComparingTo("0.25");
      assertThat(api.openOrders(a, "ETH-USDC"))
          .extracting(MarketData.OrderInfo::orderId)
          .containsExactly(buyId);
      assertThat(api.myTrades(a, null, 10))
          .singleElement()
          .satisfies(t -> assertThat(t.isMaker()).isTrue());
      UserKey b = UserKey.load(bobKey);
      assertThatThrownBy(() -> api.order(b, buyId))
          .isInstanceOf(TradingApiException.class)
          .satisfies(e -> assertThat(((TradingApiException) e).code()).isEqualTo(-2013));
      assertThatThrownBy(() -> api.depth("NOPE-USDC", 10))
          .isInstanceOf(TradingApiException.class)
          .satisfies(e -> assertThat(((TradingApiException) e).code()).isEqualTo(-1121));

      JsonNode cliBook = ok(alice.run("dex", "book", "ETH-USDC", "--json"));
      assertThat(cliBook.path("source").asText()).isEqualTo("store");
      assertThat(cliBook.path("sequence").asLong()).isEqualTo(depth.lastUpdateId());
      assertThat(cliBook.path("bids").toString())
          .isEqualTo("[{\"price\":\"2000.5\",\"quantity\":\"0.25\"}]");
      JsonNode cliTrades = ok(alice.run("dex", "trades", "ETH-USDC", "--json"));
      assertThat(cliTrades.path("trades")).hasSize(1);
      assertThat(cliTrades.path("trades").get(0).path("tradeId").asText())
          .isEqualTo(trades.get(0).id());

      // Balances from the store (sealed to Alice, opened by the CLI) equal the enclave's answer,
      // after the trade in which Alice was the maker.
      JsonNode fromStore = ok(alice.run("dex", "balances", "--json"));
      JsonNode fromEnclave = ok(alice.run("dex", "balances", "--enclave", "--json"));
      assertThat(fromStore.path("source").asText()).isEqualTo("store");
      assertThat(fromEnclave.path("source").asText()).isEqualTo("enclave");
      assertThat(fromStore.path("balances")).isEqualTo(fromEnclave.path("balances"));
      assertThat(fromStore.path("balances").toString()).contains("\"ETH\"", "\"1\"");
      assertThat(api.account(a).path("balances").isNull()).isTrue();
      assertThat(api.balances(a)).isPresent();
      assertThat(ok(bob.run("dex", "balances", "--json")).path("source").asText())
          .isEqualTo("enclave");

      JsonNode status = ok(alice.run("store", "status", "--json"));
      assertThat(status.path("kind").asText()).isEqualTo("embedded");
      JsonNode rebuilt = ok(alice.run("store", "rebuild", "--json"));
      assertThat(rebuilt.path("appliedHeight").asLong()).isGreaterThanOrEqualTo(head);
      assertThat(api.depth("ETH-USDC", 10)).isEqualTo(depth);
      assertThat(api.order(a, buyId)).isEqualTo(mine);
      // The rebuilt store has Alice's snapshot again, from the ledger.
      JsonNode rebuiltBalances = ok(alice.run("dex", "balances", "--json"));
      assertThat(rebuiltBalances.path("source").asText()).isEqualTo("store");
      assertThat(rebuiltBalances.path("balances")).isEqualTo(fromEnclave.path("balances"));
    }
  }
}
