package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.txnchain.crypto.Hashes;
import io.txnchain.crypto.seal.SealedBox;
import io.txnchain.crypto.seal.SealedBoxException;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletionException;

/**
 * A client of a node's DEX trading API ({@code /api/v1}, docs/trading-api.md): public market data,
 * forwarding signed orders and cancels, and wallet-signed private reads. Thread-safe.
 *
 * <p>Every method returns the node's answer or throws a {@link TxnChainException}: {@link
 * TradingApiException} with the API's code when the node refused, {@link NodeUnreachableException}
 * when it could not be reached.
 */
public final class TradingClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SIGNED_PREFIX = "Pixie DEX API";

  private final URI node;
  private final HttpClient http;
  private final Duration timeout;
  private final Clock clock;

  public TradingClient(URI node, HttpClient http, Duration timeout, Clock clock) {
    this.node = Objects.requireNonNull(node, "node");
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A client with the SDK's default HTTP settings. */
  public static TradingClient connect(URI node) {
    return new TradingClient(
        node,
        TxnChainClient.defaultHttpClient(),
        TxnChainClient.DEFAULT_TIMEOUT,
        Clock.systemUTC());
  }

  // ---- public market data

  /** {@code GET exchangeInfo}, as JSON (markets, scales, fees, rate limits, store height). */
  public JsonNode exchangeInfo() {
    return get("/api/v1/exchangeInfo", Map.of(), null);
  }

  public MarketData.Depth depth(String market, int limit) {
    return MarketData.Depth.of(
        get("/api/v1/depth", params("market", market, "limit", limit), null));
  }

  public List<MarketData.Trade> trades(String market, int limit) {
    List<MarketData.Trade> out = new ArrayList<>();
    for (JsonNode t : get("/api/v1/trades", params("market", market, "limit", limit), null)) {
      out.add(MarketData.Trade.of(t));
    }
    return out;
  }

  /**
   * Candles of {@code interval} (1m, 5m, 1h, 1d); {@code startTime}/{@code endTime} may be null.
   */
  public List<MarketData.Kline> klines(
      String market, String interval, Long startTime, Long endTime, int limit) {
    List<MarketData.Kline> out = new ArrayList<>();
    Map<String, Object> p =
        params("market", market, "interval", interval, "startTime", startTime, "endTime", endTime);
    p.put("limit", limit);
    for (JsonNode k : get("/api/v1/klines", p, null)) {
      out.add(MarketData.Kline.of(k));
    }
    return out;
  }

  public MarketData.Ticker ticker24h(String market) {
    return MarketData.Ticker.of(get("/api/v1/ticker/24hr", params("market", market), null));
  }

  // ---- orders and cancels: signed transactions built with Transactions / DexSession

  /** {@code POST order}: forwards a signed {@code order} work order for app dex. */
  public MarketData.Submitted placeOrder(Transaction tx) {
    return MarketData.Submitted.of(send("POST", "/api/v1/order", tx));
  }

  /** {@code DELETE order}: forwards a signed {@code cancel} work order. */
  public MarketData.Submitted cancelOrder(Transaction tx) {
    return MarketData.Submitted.of(send("DELETE", "/api/v1/order", tx));
  }

  /** {@code DELETE openOrders}: forwards a signed {@code cancelAll} work order. */
  public MarketData.Submitted cancelOpenOrders(Transaction tx) {
    return MarketData.Submitted.of(send("DELETE", "/api/v1/openOrders", tx));
  }

  // ---- private reads, signed with the owner's key

  public MarketData.OrderInfo order(UserKey key, long orderId) {
    return MarketData.OrderInfo.of(get("/api/v1/order", params("orderId", orderId), key));
  }

  public List<MarketData.OrderInfo> openOrders(UserKey key, String market) {
    return orders(get("/api/v1/openOrders", params("market", market), key));
  }

  public List<MarketData.OrderInfo> allOrders(UserKey key, String market, int limit) {
    return orders(get("/api/v1/allOrders", params("market", market, "limit", limit), key));
  }

  public List<MarketData.AccountTrade> myTrades(UserKey key, String market, int limit) {
    List<MarketData.AccountTrade> out = new ArrayList<>();
    for (JsonNode t : get("/api/v1/myTrades", params("market", market, "limit", limit), key)) {
      out.add(MarketData.AccountTrade.of(t));
    }
    return out;
  }

  /**
   * {@code GET account}, as JSON: counts, and the latest balance snapshot sealed to the account's
   * view key ({@code sealedBalances}), which the node cannot read; {@link #balances} opens it.
   */
  public JsonNode account(UserKey key) {
    return get("/api/v1/account", Map.of(), key);
  }

  /** The DEX's info string for balance snapshots (docs/dex.md). */
  private static final byte[] BALANCES_INFO =
      "txnchain/dex/balances/v1".getBytes(StandardCharsets.US_ASCII);

  /**
   * The account's latest balances from the store, opened with its view key; empty when it has no
   * snapshot (no view key registered, or the store has not seen one yet).
   *
   * @throws SealedResultException when the snapshot does not open with this key's view key
   */
  public java.util.Optional<MarketData.Balances> balances(UserKey key) {
    JsonNode sealed = account(key).path("sealedBalances");
    if (!sealed.isObject()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(openBalances(key, sealed.path("box").asText()));
  }

  /**
   * Opens a balances snapshot sealed to {@code key}'s view key: the {@code box} of {@code
   * sealedBalances} in GET account, or of a {@code balances} message on the user stream.
   *
   * @throws SealedResultException when it does not open with this key's view key, or is another
   *     account's
   */
  public static MarketData.Balances openBalances(UserKey key, String boxHex) {
    String owner = "0x" + HexFormat.of().formatHex(key.address().bytes20());
    byte[] plain;
    try {
      plain =
          SealedBox.open(
              key.viewKey(),
              BALANCES_INFO,
              owner.getBytes(StandardCharsets.US_ASCII),
              HexFormat.of().parseHex(boxHex));
    } catch (SealedBoxException | IllegalArgumentException e) {
      throw new SealedResultException(
          "the balance snapshot does not open with this key's view key: " + e.getMessage(),
          e instanceof SealedBoxException s
              && s.reason() == SealedBoxException.Reason.WRONG_RECIPIENT);
    }
    MarketData.Balances b;
    try {
      b = MarketData.Balances.of(JSON.readTree(plain));
    } catch (IOException | RuntimeException e) {
      throw new SealedResultException(
          "the balance snapshot opened to something that is not JSON", false);
    }
    if (!b.address().equalsIgnoreCase(owner)) {
      throw new SealedResultException("the balance snapshot is another account's", false);
    }
    return b;
  }

  // ---- the store

  public MarketData.StoreStatus storeStatus() {
    return MarketData.StoreStatus.of(get("/api/v1/admin/store", Map.of(), null));
  }

  /** Starts a rebuild of the node's store from its ledger; returns the height it rebuilds to. */
  public long rebuildStore() {
    return request("POST", "/api/v1/admin/store/rebuild", "", "{}", null)
        .path("rebuildTarget")
        .asLong();
  }

  /**
   * Waits until the node's store reflects ledger height {@code height} (read-your-writes after a
   * submit); false when {@code max} passed first.
   */
  public boolean awaitStore(long height, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      if (exchangeInfo().path("storeHeight").asLong() >= height) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  // ---- signing

  /** The message a private request signs: see docs/trading-api.md. */
  public static String message(String method, String path, String query, long timestamp) {
    return SIGNED_PREFIX + "\n" + method + "\n" + path + "\n" + query + "\n" + timestamp;
  }

  /** EIP-191 {@code personal_sign} of {@code message} by {@code key}: {@code 0x} + r, s, v. */
  public static String personalSign(UserKey key, String message) {
    byte[] m = message.getBytes(StandardCharsets.UTF_8);
    byte[] digest =
        Hashes.keccak256(
            ("\u0019Ethereum Signed Message:\n" + m.length).getBytes(StandardCharsets.UTF_8), m);
    return "0x" + HexFormat.of().formatHex(key.keyPair().sign(digest).toBytes65());
  }

  // ---- plumbing

  private static List<MarketData.OrderInfo> orders(JsonNode a) {
    List<MarketData.OrderInfo> out = new ArrayList<>();
    for (JsonNode o : a) {
      out.add(MarketData.OrderInfo.of(o));
    }
    return out;
  }

  private static Map<String, Object> params(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put((String) kv[i], kv[i + 1]);
      }
    }
    return m;
  }

  private JsonNode get(String path, Map<String, Object> params, UserKey key) {
    StringJoiner q = new StringJoiner("&");
    params.forEach(
        (k, v) -> q.add(k + "=" + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
    return request("GET", path, q.toString(), null, key);
  }

  private JsonNode send(String method, String path, Transaction tx) {
    String body = "{\"tx\":\"" + HexFormat.of().formatHex(tx.encoded()) + "\"}";
    return request(method, path, "", body, null);
  }

  private JsonNode request(String method, String path, String query, String body, UserKey key) {
    String base = node.toString().replaceAll("/+$", "");
    URI uri = URI.create(base + path + (query.isEmpty() ? "" : "?" + query));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    if (key != null) {
      long ts = clock.millis();
      b.header("X-Pixie-Address", key.address().toChecksumHex());
      b.header("X-Pixie-Timestamp", Long.toString(ts));
      b.header("X-Pixie-Signature", personalSign(key, message(method, path, query, ts)));
    }
    if (body == null) {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      b.header("Content-Type", "application/json");
      b.method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException | CompletionException e) {
      throw new NodeUnreachableException(node, e.toString(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeUnreachableException(node, "interrupted", e);
    }
    JsonNode n;
    try {
      n = JSON.readTree(r.body());
    } catch (IOException e) {
      throw new UnexpectedResponseException(
          node, "HTTP " + r.statusCode() + " from " + uri.getPath() + " is not JSON");
    }
    if (r.statusCode() != 200 && r.statusCode() != 202) {
      if (n != null && n.has("code")) {
        long retry = r.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L);
        throw new TradingApiException(
            n.path("code").asInt(), n.path("msg").asText(), r.statusCode(), retry);
      }
      throw new UnexpectedResponseException(
          node, "HTTP " + r.statusCode() + " from " + uri.getPath());
    }
    return n;
  }
}
