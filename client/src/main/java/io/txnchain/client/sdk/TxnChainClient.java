package io.txnchain.client.sdk;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.txnchain.wire.receipt.Receipt;
import io.txnchain.wire.tx.Transaction;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of one node's JSON-RPC API ({@code POST {node}/rpc}). Thread-safe; one instance can
 * serve many concurrent calls.
 *
 * <p>Every method either returns the node's answer or throws a {@link TxnChainException}: {@link
 * RpcErrorException} when the node refused, {@link NodeUnreachableException} when it could not be
 * reached, {@link UnexpectedResponseException} when the URL does not serve TxnChain JSON-RPC.
 */
public final class TxnChainClient {
  /** The node a client talks to when nothing else is configured. */
  public static final URI DEFAULT_NODE = URI.create("http://127.0.0.1:8080");

  /** Long enough for a submit, which the node answers only once the transaction is committed. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final URI node;
  private final URI rpc;
  private final HttpClient http;
  private final Duration timeout;
  private final ObjectMapper mapper;
  private final AtomicLong ids = new AtomicLong();

  /** A client with its own HTTP/1.1 connection pool. */
  public static TxnChainClient connect(URI node) {
    return new TxnChainClient(node, defaultHttpClient(), DEFAULT_TIMEOUT);
  }

  /**
   * The HTTP client this SDK uses by default. HTTP/1.1 because a plain-text HTTP/2 upgrade attempt
   * per connection buys nothing on a node API and makes concurrent connections less predictable.
   */
  public static HttpClient defaultHttpClient() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public TxnChainClient(URI node, HttpClient http, Duration timeout) {
    this.node = Objects.requireNonNull(node, "node");
    String base = node.toString();
    this.rpc = URI.create((base.endsWith("/") ? base : base + "/") + "rpc");
    this.http = Objects.requireNonNull(http, "http");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /** The node's base URL. */
  public URI node() {
    return node;
  }

  /** Calls a method and returns its result. */
  public JsonNode call(String method, ObjectNode params) {
    ObjectNode request = mapper.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    request.set("params", params);
    JsonNode answer = parse(send(bytes(request)));
    if (!answer.isObject()) {
      throw new UnexpectedResponseException(node, "expected one JSON-RPC response object");
    }
    return resultOf(answer);
  }

  private JsonNode call(String method) {
    return call(method, mapper.createObjectNode());
  }

  private JsonNode callWithId(String method, String id) {
    ObjectNode params = mapper.createObjectNode();
    params.put("id", id);
    return call(method, params);
  }

  /** {@code txn_submit}: records a signed {@code DATA} transaction. */
  public SubmitResult submit(Transaction tx) {
    JsonNode r = call("txn_submit", txParams(tx));
    return new SubmitResult(
        r.path("txId").asText(tx.id()),
        r.path("height").asLong(-1),
        r.path("index").asLong(-1),
        r.path("sealed").asBoolean(tx.sealed()));
  }

  /** {@code txn_process}: runs a signed work order and returns its recorded result. */
  public TxResult process(Transaction tx) {
    return new TxResult(call("txn_process", txParams(tx)));
  }

  /** {@code txn_getResult}: the recorded outcome of a transaction or work order. */
  public TxResult result(String id) {
    return new TxResult(callWithId("txn_getResult", id));
  }

  /** {@code txn_getTransaction}: the readable view of a recorded transaction. */
  public JsonNode transaction(String id) {
    return callWithId("txn_getTransaction", id);
  }

  /** {@code txn_getReceipt}, exactly as the node sent it. */
  public JsonNode receiptJson(String id) {
    return callWithId("txn_getReceipt", id);
  }

  /** {@code txn_getReceipt}, parsed. */
  public Receipt receipt(String id) {
    return convert(receiptJson(id), Receipt.class, "txn_getReceipt");
  }

  /** {@code chain_head}. */
  public ChainHead head() {
    return convert(call("chain_head"), ChainHead.class, "chain_head");
  }

  /** {@code chain_getBlock}: a block's header, signatures and transaction ids. */
  public JsonNode block(long height) {
    ObjectNode params = mapper.createObjectNode();
    params.put("height", height);
    return call("chain_getBlock", params);
  }

  /**
   * {@code node_getEvidence} over a nonce of the caller's; null asks for the node's fixed receipt
   * nonce.
   */
  public NodeEvidence evidence(byte[] nonce) {
    ObjectNode params = mapper.createObjectNode();
    if (nonce != null) {
      params.put("nonce", HexFormat.of().formatHex(nonce));
    }
    return NodeEvidence.fromJson(node, call("node_getEvidence", params));
  }

  /** {@code network_status}. */
  public NetworkStatus networkStatus() {
    return convert(call("network_status"), NetworkStatus.class, "network_status");
  }

  /** {@code app_list}: the registered enclave apps. */
  public List<AppInfo> apps() {
    JsonNode list = call("app_list");
    if (!list.isArray()) {
      throw new UnexpectedResponseException(node, "app_list did not return an array");
    }
    List<AppInfo> apps = new ArrayList<>();
    for (JsonNode a : list) {
      apps.add(convert(a, AppInfo.class, "app_list"));
    }
    return apps;
  }

  /**
   * Sends an encoded batch ({@link RpcBatch#encode()}) without blocking. The future fails with
   * {@link NodeUnreachableException} when the node cannot be reached, and with {@link
   * RpcErrorException} when the node refused the whole batch (for example {@code
   * PAYLOAD_TOO_LARGE}); otherwise it holds one outcome per answered call, in the node's order.
   */
  public CompletableFuture<List<RpcOutcome>> sendBatchAsync(byte[] body) {
    return http.sendAsync(request(body), HttpResponse.BodyHandlers.ofByteArray())
        .handle(
            (response, failure) -> {
              if (failure != null) {
                throw new CompletionException(unreachable(unwrap(failure)));
              }
              return outcomes(parse(response));
            });
  }

  private List<RpcOutcome> outcomes(JsonNode answer) {
    if (answer.isObject()) {
      throw new CompletionException(error(answer));
    }
    List<RpcOutcome> out = new ArrayList<>(answer.size());
    for (JsonNode r : answer) {
      long id = r.path("id").asLong(-1);
      out.add(
          r.has("error")
              ? new RpcOutcome(id, null, RpcErrorException.fromJson(r.get("error")))
              : new RpcOutcome(id, r.get("result"), null));
    }
    return out;
  }

  private ObjectNode txParams(Transaction tx) {
    ObjectNode params = mapper.createObjectNode();
    params.put("tx", HexFormat.of().formatHex(tx.encoded()));
    return params;
  }

  private HttpRequest request(byte[] body) {
    return HttpRequest.newBuilder(rpc)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private HttpResponse<byte[]> send(byte[] body) {
    try {
      return http.send(request(body), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw unreachable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TxnChainException("interrupted while waiting for the node at " + node, e);
    }
  }

  private NodeUnreachableException unreachable(Throwable e) {
    String reason;
    if (e instanceof HttpConnectTimeoutException) {
      reason = "connection timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
    } else if (e instanceof HttpTimeoutException) {
      reason = "no answer within " + timeout.toSeconds() + " s";
    } else if (e instanceof ConnectException) {
      reason = "connection refused (is the node running? set --node or TXNCHAIN_NODE)";
    } else {
      reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new NodeUnreachableException(node, reason, e);
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Reads a JSON-RPC response; error objects may come with any HTTP status (413, 500). */
  private JsonNode parse(HttpResponse<byte[]> response) {
    JsonNode answer = null;
    try {
      answer = mapper.readTree(response.body());
    } catch (IOException e) {
      // Not JSON: reported below with the status, which says more than the parser would.
    }
    if (answer == null || !(answer.isObject() || answer.isArray())) {
      throw new UnexpectedResponseException(
          node,
          "HTTP "
              + response.statusCode()
              + " from "
              + rpc
              + " is not a JSON-RPC response"
              + snippet(response.body()));
    }
    if (answer.isObject() && !answer.has("result") && !answer.has("error")) {
      throw new UnexpectedResponseException(
          node, "HTTP " + response.statusCode() + ": JSON without result or error");
    }
    return answer;
  }

  private JsonNode resultOf(JsonNode answer) {
    if (answer.has("error")) {
      throw error(answer);
    }
    return answer.get("result");
  }

  private RpcErrorException error(JsonNode answer) {
    JsonNode e = answer.get("error");
    if (e == null || !e.isObject()) {
      throw new UnexpectedResponseException(node, "JSON-RPC error is not an object");
    }
    return RpcErrorException.fromJson(e);
  }

  private <T> T convert(JsonNode json, Class<T> type, String method) {
    try {
      return mapper.treeToValue(json, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new UnexpectedResponseException(node, "malformed " + method + " answer: " + e);
    }
  }

  private byte[] bytes(JsonNode json) {
    try {
      return mapper.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  private static String snippet(byte[] body) {
    if (body == null || body.length == 0) {
      return " (empty body)";
    }
    String s = new String(body, 0, Math.min(body.length, 80), StandardCharsets.UTF_8).strip();
    return ": " + s.replaceAll("\\s+", " ") + (body.length > 80 ? "..." : "");
  }
}
