package io.txnchain.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.crypto.EthAddress;
import io.txnchain.crypto.Secp256k1KeyPair;
import io.txnchain.dex.app.DexConfig;
import io.txnchain.node.Node;
import io.txnchain.node.config.NodeConfig;
import io.txnchain.wire.dex.Order;
import io.txnchain.wire.dex.OrderEncoder;
import io.txnchain.wire.dex.OrderJson;
import io.txnchain.wire.dex.OrderType;
import io.txnchain.wire.dex.SelfTradePrevention;
import io.txnchain.wire.dex.Side;
import io.txnchain.wire.dex.TimeInForce;
import io.txnchain.wire.tx.Transaction;
import io.txnchain.wire.tx.TxKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.util.encoders.Hex;

/**
 * A real node started in-process on a free loopback port, with helpers to build the signed
 * transactions the SDK builds (unsealed here, which the API forwards the same way) and to sign
 * private requests.
 */
final class ApiFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String CHAIN = "txnchain-dev";
  static final DexConfig DEX = DexConfig.devNetwork(CHAIN);

  final Node node;
  final HttpClient http = HttpClient.newHttpClient();
  private final AtomicLong counter = new AtomicLong();

  ApiFixture(Path dir, String storeUrl) throws Exception {
    NodeConfig config =
        NodeConfig.load(
            null,
            Map.of(),
            Map.of(
                NodeConfig.DATA_DIR.name(),
                dir.toString(),
                NodeConfig.PORT.name(),
                "0",
                NodeConfig.ALLOW_SIMULATED.name(),
                "true",
                NodeConfig.STORE_URL.name(),
                storeUrl));
    node = Node.start(config);
  }

  static Secp256k1KeyPair key(int n) {
    byte[] k = new byte[32];
    k[0] = 0x33;
    k[31] = (byte) n;
    return Secp256k1KeyPair.fromPrivateKey(k);
  }

  static String owner(Secp256k1KeyPair k) {
    return k.address().toChecksumHex().toLowerCase(Locale.ROOT);
  }

  String url(String path) {
    return node.url() + path;
  }

  Transaction work(Secp256k1KeyPair key, String app, String input) {
    return Transaction.sign(
        new Transaction.Unsigned(
            CHAIN,
            TxKind.WORK_ORDER,
            "api-" + counter.incrementAndGet() + "-" + System.nanoTime(),
            app,
            new byte[0],
            false,
            input.getBytes(StandardCharsets.UTF_8),
            new byte[0]),
        key);
  }

  static String body(Transaction tx) {
    return "{\"tx\":\"" + Hex.toHexString(tx.encoded()) + "\"}";
  }

  /** A signed {@code order} request (EIP-712) of a GTC or IOC limit order on ETH-USDC. */
  String orderInput(Secp256k1KeyPair who, Side side, long price, long qty, TimeInForce tif) {
    Order order =
        new Order(
            who.address(),
            "ETH-USDC",
            side,
            OrderType.LIMIT,
            price,
            qty,
            tif,
            false,
            SelfTradePrevention.EXPIRE_TAKER,
            new EthAddress(new byte[20]),
            new EthAddress(new byte[20]),
            counter.incrementAndGet(),
            0,
            "");
    ObjectNode n = JSON.createObjectNode();
    n.put("op", "order");
    n.set("order", OrderJson.message(order));
    n.put(
        "signature",
        OrderJson.signature(who.sign(OrderEncoder.digest(DEX.domain(), order)).toBytes65()));
    return n.toString();
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> get(String pathAndQuery) throws Exception {
    return send("GET", pathAndQuery, null);
  }

  JsonNode getJson(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery);
    assertThat(r.statusCode()).as("%s: %s", pathAndQuery, r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  /** Places an order through {@code POST /api/v1/order}; returns the engine's (unsealed) result. */
  JsonNode place(Secp256k1KeyPair who, Side side, long price, long qty, TimeInForce tif)
      throws Exception {
    HttpResponse<String> r =
        send(
            "POST",
            "/api/v1/order",
            body(work(who, "dex", orderInput(who, side, price, qty, tif))));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode n = JSON.readTree(r.body());
    assertThat(n.path("sealed").asBoolean()).isFalse();
    return n.path("result");
  }

  /** Credits tokens from the development faucet, through JSON-RPC. */
  void deposit(Secp256k1KeyPair who, String token, String amount) throws Exception {
    process(
        work(
            who,
            "dex",
            "{\"op\":\"deposit\",\"token\":\"" + token + "\",\"amount\":\"" + amount + "\"}"));
  }

  /** Runs a work order through JSON-RPC {@code txn_process}; it must be accepted. */
  void process(Transaction tx) throws Exception {
    String req =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"txn_process\",\"params\":{\"tx\":\""
            + Hex.toHexString(tx.encoded())
            + "\"}}";
    HttpResponse<String> r = send("POST", "/rpc", req, "Content-Type", "application/json");
    assertThat(JSON.readTree(r.body()).has("result")).as(r.body()).isTrue();
  }

  /** The engine's own book, through an unsealed {@code book} work order. */
  JsonNode engineBook(String market) throws Exception {
    Transaction tx =
        work(key(99), "dex", "{\"op\":\"book\",\"market\":\"" + market + "\",\"depth\":1000}");
    String req =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"txn_process\",\"params\":{\"tx\":\""
            + Hex.toHexString(tx.encoded())
            + "\"}}";
    HttpResponse<String> r = send("POST", "/rpc", req, "Content-Type", "application/json");
    return JSON.readTree(r.body()).path("result").path("result");
  }

  /** Headers of a wallet-signed private request. */
  static String[] signed(
      Secp256k1KeyPair signer, String address, String method, String path, String query, long ts) {
    byte[] digest = RequestAuth.personalDigest(RequestAuth.message(method, path, query, ts));
    return new String[] {
      RequestAuth.HEADER_ADDRESS,
      address,
      RequestAuth.HEADER_TIMESTAMP,
      Long.toString(ts),
      RequestAuth.HEADER_SIGNATURE,
      "0x" + Hex.toHexString(signer.sign(digest).toBytes65())
    };
  }

  HttpResponse<String> privateGet(Secp256k1KeyPair who, String path, String query)
      throws Exception {
    return send(
        "GET",
        path + (query.isEmpty() ? "" : "?" + query),
        null,
        signed(who, who.address().toChecksumHex(), "GET", path, query, System.currentTimeMillis()));
  }

  /** Waits until the store has applied the ledger's head. */
  void awaitProjection() throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (projectionHeight() >= ledgerHeight()) {
        return;
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the projection did not catch up with the ledger");
  }

  private long projectionHeight() throws Exception {
    return getJson("/api/v1/exchangeInfo").path("storeHeight").asLong();
  }

  private long ledgerHeight() throws Exception {
    String req = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"chain_head\",\"params\":{}}";
    HttpResponse<String> r = send("POST", "/rpc", req, "Content-Type", "application/json");
    return JSON.readTree(r.body()).path("result").path("height").asLong();
  }

  @Override
  public void close() {
    node.close();
  }
}
