package io.txnchain.node.api;

import static io.txnchain.node.api.ApiFixture.JSON;
import static io.txnchain.node.api.ApiFixture.key;
import static io.txnchain.node.api.ApiFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.crypto.X25519KeyPair;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.dex.market.FixedPoint;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WebSocket streams against a real node: a client keeps a local book from the depth snapshot
 * and diffs, as docs/trading-api.md tells clients to, and ends with the engine's book.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TradingStreamsTest {
  @TempDir static Path dir;
  private final List<Secp256k1KeyPair> traders = List.of(key(11), key(12), key(13));
  private ApiFixture api;

  @BeforeAll
  void start() throws Exception {
    api = new ApiFixture(dir.resolve("n"), "memory");
    for (Secp256k1KeyPair t : traders) {
      api.deposit(t, "USDC", "10000000");
      api.deposit(t, "ETH", "10000");
    }
  }

  @AfterAll
  void stop() {
    api.close();
  }

  /** A WebSocket client that queues every text message it receives. */
  final class Client implements WebSocket.Listener {
    final LinkedBlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    final WebSocket ws;

    Client() throws Exception {
      ws =
          api.http
              .newWebSocketBuilder()
              .buildAsync(URI.create(api.url("/ws").replace("http://", "ws://")), this)
              .get(10, TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          messages.add(JSON.readTree(partial.toString()));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    void send(String json) {
      ws.sendText(json, true).join();
    }

    JsonNode next() throws InterruptedException {
      JsonNode n = messages.poll(10, TimeUnit.SECONDS);
      assertThat(n).as("a message within 10 s").isNotNull();
      return n;
    }

    void close() {
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
    }
  }

  @Test
  void snapshotPlusDiffsEqualsTheEnginesBook() throws Exception {
    // Some book before the client subscribes, so that the snapshot is not empty.
    Random r = new Random(42);
    placeRandom(r, 15);
    api.awaitProjection();

    Client c = new Client();
    String auth = authFor(traders.get(0));
    c.send(
        "{\"method\":\"SUBSCRIBE\",\"params\":[\"depth@ETH-USDC\",\"trades@ETH-USDC\","
            + "\"kline_1m@ETH-USDC\",\"user@"
            + owner(traders.get(0))
            + "\"],\"id\":7,\"auth\":"
            + auth
            + "}");
    JsonNode ack = c.next();
    assertThat(ack.path("id").asInt()).isEqualTo(7);
    assertThat(ack.has("result")).isTrue();
    JsonNode snap = c.next();
    assertThat(snap.path("stream").asText()).isEqualTo("depth@ETH-USDC");
    assertThat(snap.path("data").path("e").asText()).isEqualTo("depthSnapshot");

    placeRandom(r, 40);
    api.awaitProjection();
    JsonNode engine = api.engineBook("ETH-USDC");
    long target = engine.path("sequence").asLong();

    TreeMap<Long, Long> bids = new TreeMap<>();
    TreeMap<Long, Long> asks = new TreeMap<>();
    load(bids, snap.path("data").path("bids"));
    load(asks, snap.path("data").path("asks"));
    long last = snap.path("data").path("lastUpdateId").asLong();
    int trades = 0;
    int fills = 0;
    int orderUpdates = 0;
    int klines = 0;
    while (last < target) {
      JsonNode m = c.next();
      JsonNode d = m.path("data");
      switch (d.path("e").asText()) {
        case "depthUpdate":
          if (d.path("u").asLong() <= last) {
            continue;
          }
          assertThat(d.path("U").asLong()).as("no gap in the diffs").isEqualTo(last + 1);
          load(bids, d.path("b"));
          load(asks, d.path("a"));
          last = d.path("u").asLong();
          break;
        case "trade":
          trades++;
          break;
        case "fill":
          fills++;
          assertThat(m.path("stream").asText()).isEqualTo("user@" + owner(traders.get(0)));
          break;
        case "orderUpdate":
          orderUpdates++;
          break;
        case "kline":
          klines++;
          assertThat(d.path("k").path("i").asText()).isEqualTo("1m");
          break;
        default:
          throw new AssertionError("unexpected message " + m);
      }
    }
    assertThat(last).isEqualTo(target);
    assertThat(render(bids, true)).isEqualTo(levels(engine.path("bids")));
    assertThat(render(asks, false)).isEqualTo(levels(engine.path("asks")));
    assertThat(trades).isPositive();
    assertThat(klines).isPositive();
    assertThat(orderUpdates).isPositive();
    assertThat(fills).isGreaterThanOrEqualTo(0);
    c.close();
  }

  @Test
  void theUserStreamCarriesBalancesSealedToTheOwnersViewKey() throws Exception {
    // An account of its own, which no other test trades with.
    Secp256k1KeyPair owner = key(14);
    X25519KeyPair view = X25519KeyPair.derive(Hashes.sha256("view key of 14".getBytes()));
    Client c = new Client();
    c.send(
        "{\"method\":\"SUBSCRIBE\",\"params\":[\"user@"
            + owner(owner)
            + "\"],\"id\":9,\"auth\":"
            + authFor(owner)
            + "}");
    assertThat(c.next().path("id").asInt()).isEqualTo(9);
    api.process(
        api.work(
            owner,
            "dex",
            "{\"op\":\"setViewKey\",\"key\":\"" + Hex.toHexString(view.publicKey()) + "\"}"));
    api.deposit(owner, "ETH", "3");

    // The registration's snapshot, then the deposit's; c.next() fails after 10 s of silence.
    List<String> seen = new ArrayList<>();
    while (seen.isEmpty() || !seen.get(seen.size() - 1).contains(ETH_3)) {
      JsonNode m = c.next();
      assertThat(m.path("stream").asText()).isEqualTo("user@" + owner(owner));
      assertThat(m.path("data").path("e").asText()).isEqualTo("balances");
      JsonNode opened =
          JSON.readTree(
              SealedBox.open(
                  view,
                  "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII),
                  owner(owner).getBytes(StandardCharsets.US_ASCII),
                  Hex.decode(m.path("data").path("box").asText())));
      assertThat(opened.path("height").asLong()).isEqualTo(m.path("data").path("height").asLong());
      seen.add(opened.path("balances").toString());
    }
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0)).doesNotContain(ETH_3);
    c.close();
  }

  private static final String ETH_3 = "{\"token\":\"ETH\",\"available\":\"3\",\"locked\":\"0\"}";

  @Test
  void badSubscriptionsAreRefusedWithACode() throws Exception {
    Client c = new Client();
    c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"depth@NOPE\"],\"id\":1}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1121);
    c.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"weather@ETH-USDC\"],\"id\":2}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1100);
    c.send(
        "{\"method\":\"SUBSCRIBE\",\"params\":[\"user@" + owner(traders.get(1)) + "\"],\"id\":3}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1024);
    // Trader 0's signature for trader 1's stream.
    c.send(
        "{\"method\":\"SUBSCRIBE\",\"params\":[\"user@"
            + owner(traders.get(1))
            + "\"],\"id\":4,\"auth\":"
            + authFor(traders.get(0), owner(traders.get(1)))
            + "}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1022);
    c.send("{\"method\":\"PUBLISH\",\"params\":[\"depth@ETH-USDC\"],\"id\":5}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1100);
    c.send("not json");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1100);
    c.send("{\"method\":\"SUBSCRIBE\",\"params\":[],\"id\":6}");
    assertThat(c.next().path("error").path("code").asInt()).isEqualTo(-1102);
    c.close();
  }

  private void placeRandom(Random r, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      Secp256k1KeyPair who = traders.get(r.nextInt(traders.size()));
      Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
      long price = 2_000_000_000L + (r.nextInt(11) - 5) * 1_000_000L;
      long qty = (1 + r.nextInt(20)) * 10_000_000L;
      api.place(who, side, price, qty, r.nextInt(5) == 0 ? TimeInForce.IOC : TimeInForce.GTC);
    }
  }

  private String authFor(Secp256k1KeyPair who) {
    return authFor(who, owner(who));
  }

  private static String authFor(Secp256k1KeyPair signer, String streamOwner) {
    String[] h =
        ApiFixture.signed(
            signer,
            signer.address().toChecksumHex(),
            "SUBSCRIBE",
            "/ws",
            "user@" + streamOwner,
            System.currentTimeMillis());
    return "{\"address\":\""
        + h[1]
        + "\",\"timestamp\":\""
        + h[3]
        + "\",\"signature\":\""
        + h[5]
        + "\"}";
  }

  private static void load(TreeMap<Long, Long> side, JsonNode levels) {
    for (JsonNode l : levels) {
      long p = FixedPoint.parse(l.get(0).asText(), 1_000_000L);
      long q = FixedPoint.parse(l.get(1).asText(), 100_000_000L);
      if (q == 0) {
        side.remove(p);
      } else {
        side.put(p, q);
      }
    }
  }

  private static List<String> render(TreeMap<Long, Long> side, boolean descending) {
    List<String> out = new ArrayList<>();
    (descending ? side.descendingMap() : side)
        .forEach(
            (p, q) ->
                out.add(
                    FixedPoint.format(p, 1_000_000L) + "@" + FixedPoint.format(q, 100_000_000L)));
    return out;
  }

  private static List<String> levels(JsonNode engineSide) {
    List<String> out = new ArrayList<>();
    for (JsonNode l : engineSide) {
      out.add(l.path("price").asText() + "@" + l.path("quantity").asText());
    }
    return out;
  }
}
